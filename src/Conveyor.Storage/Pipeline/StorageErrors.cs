using System.Text.Json;
using System.Xml;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Pipeline;

/// <summary>Turns an error response into a <see cref="RequestFailedException"/> with status and error code.</summary>
/// <remarks>
/// The message carries the method, the path (never the query, which may hold a signature), the status, the
/// service's error code and the first line of its message. Authentication detail lines, which can quote
/// signatures, are dropped.
/// </remarks>
internal static class StorageErrors
{
    public static async ValueTask<RequestFailedException> CreateAsync(Request request, Response response, CancellationToken cancellationToken)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? serviceMessage = null;
        if (response.ContentStream is { } stream)
        {
            try
            {
                var body = await BinaryData.FromStreamAsync(stream, cancellationToken).ConfigureAwait(false);
                (var bodyCode, serviceMessage) = ParseBody(body);
                code ??= bodyCode;
            }
            catch (Exception e) when (e is IOException or JsonException or XmlException)
            {
                // The status and header code still describe the failure.
            }
        }

        var path = request.Uri.ToUri().AbsolutePath;
        var text = $"{request.Method.Method} {path} failed with status {response.Status} ({response.ReasonPhrase})" +
            (code is null ? string.Empty : $", error code {code}") +
            (string.IsNullOrWhiteSpace(serviceMessage) ? "." : $": {FirstLine(serviceMessage)}");
        return new RequestFailedException(response.Status, text, code, null);
    }

    private static (string? Code, string? Message) ParseBody(BinaryData body)
    {
        var span = body.ToMemory().Span;
        if (span.IsEmpty)
        {
            return (null, null);
        }

        if (span[0] == (byte)'{')
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }

            return (null, null);
        }

        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(body.ToStream(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        return (document.SelectSingleNode("/Error/Code")?.InnerText, document.SelectSingleNode("/Error/Message")?.InnerText);
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
