using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Conveyor.Storage.Queues;

/// <summary>
/// Turns message bodies into the XML request body of Put Message / Update Message, and <c>MessageText</c>
/// back into bodies, according to <see cref="QueueMessageEncoding"/>.
/// </summary>
internal static class QueueMessageCodec
{
    /// <summary>The largest <c>MessageText</c> the service accepts, in UTF-8 bytes.</summary>
    public const int MaxMessageTextBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Prefix => "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessage><MessageText>"u8;

    private static ReadOnlySpan<byte> Suffix => "</MessageText></QueueMessage>"u8;

    /// <summary>Builds the request body for a text message.</summary>
    public static byte[] Encode(string text, QueueMessageEncoding encoding, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (encoding == QueueMessageEncoding.Base64)
        {
            byte[] bytes;
            try
            {
                bytes = StrictUtf8.GetBytes(text);
            }
            catch (EncoderFallbackException)
            {
                throw new ArgumentException("The message text contains an unpaired surrogate character, which has no UTF-8 form.", parameterName);
            }

            return EncodeBase64(bytes, parameterName);
        }

        return EncodeXmlText(text, parameterName);
    }

    /// <summary>Builds the request body for a binary message.</summary>
    public static byte[] Encode(BinaryData body, QueueMessageEncoding encoding, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(body, parameterName);
        if (encoding == QueueMessageEncoding.Base64)
        {
            return EncodeBase64(body.ToMemory().Span, parameterName);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body.ToMemory().Span);
        }
        catch (DecoderFallbackException)
        {
            throw new ArgumentException(
                "The message body is not valid UTF-8, so it cannot be sent with QueueMessageEncoding.None; use QueueMessageEncoding.Base64 for binary bodies.",
                parameterName);
        }

        return EncodeXmlText(text, parameterName);
    }

    /// <summary>Turns the <c>MessageText</c> of a received or peeked message back into its body.</summary>
    /// <exception cref="FormatException">The encoding is base64 and the text is not base64.</exception>
    public static BinaryData Decode(string messageText, QueueMessageEncoding encoding, string queueName, string messageId)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return BinaryData.FromString(messageText);
        }

        try
        {
            return BinaryData.FromBytes(Convert.FromBase64String(messageText));
        }
        catch (FormatException e)
        {
            throw new FormatException(
                $"Message '{messageId}' of queue '{queueName}' is not base64-encoded (was it sent unencoded, for example by the JavaScript SDK?). " +
                "Read it with QueueClientOptions.MessageEncoding = QueueMessageEncoding.None, or delete it.",
                e);
        }
    }

    private static byte[] EncodeBase64(ReadOnlySpan<byte> bytes, string parameterName)
    {
        var length = Base64.GetMaxEncodedToUtf8Length(bytes.Length);
        if (length > MaxMessageTextBytes)
        {
            throw TooLarge(length, " after base64 encoding (at most 49152 bytes of body)", parameterName);
        }

        var result = new byte[Prefix.Length + length + Suffix.Length];
        Prefix.CopyTo(result);
        Base64.EncodeToUtf8(bytes, result.AsSpan(Prefix.Length), out _, out var written);
        Suffix.CopyTo(result.AsSpan(Prefix.Length + written));
        return result;
    }

    private static byte[] EncodeXmlText(string text, string parameterName)
    {
        var extra = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    extra += 4;
                    break;
                case '<' or '>':
                    extra += 3;
                    break;
                case '\r':
                    // A literal CR would be normalized away by the service's XML parser; the reference survives.
                    extra += 4;
                    break;
                case '\t' or '\n':
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    throw NotXml(c, i, parameterName);
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw NotXml(c, i, parameterName);
                    }

                    break;
            }
        }

        var byteCount = Encoding.UTF8.GetByteCount(text);
        if (byteCount > MaxMessageTextBytes)
        {
            throw TooLarge(byteCount, " of UTF-8 text", parameterName);
        }

        var escaped = extra == 0 ? text : Escape(text, extra);
        var result = new byte[Prefix.Length + byteCount + extra + Suffix.Length];
        Prefix.CopyTo(result);
        var written = Encoding.UTF8.GetBytes(escaped, result.AsSpan(Prefix.Length));
        Suffix.CopyTo(result.AsSpan(Prefix.Length + written));
        return result;
    }

    private static string Escape(string text, int extra)
    {
        var builder = new StringBuilder(text.Length + extra);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '\r' => builder.Append("&#xD;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private static ArgumentException NotXml(char c, int index, string parameterName) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"The message text contains U+{(int)c:X4} at index {index}, which XML cannot carry, so it cannot be sent with QueueMessageEncoding.None; use QueueMessageEncoding.Base64."),
        parameterName);

    private static ArgumentException TooLarge(int bytes, string what, string parameterName) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"The message is {bytes} bytes{what}; a queue message can be at most {MaxMessageTextBytes} bytes (64 KiB). Store large payloads in a blob and send a reference."),
        parameterName);
}
