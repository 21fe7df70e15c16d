using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Batch.Repository;

/// <summary>
/// The partition and row keys of the job repository tables: escaped names, hashes of free text, and inverted
/// ticks that sort newest first.
/// </summary>
internal static class TableJobRepositoryKeys
{
    /// <summary>The longest escaped name used in a key; leaves room for the suffixes added to row keys.</summary>
    public const int MaxNameKeyLength = 400;

    /// <summary>Separates the parts of a composite key; escaped inside names so that it is never ambiguous.</summary>
    public const char Separator = '|';

    /// <summary>
    /// Escapes a name for use in a key: <c>/ \ # ? % |</c> and control characters become <c>%XX</c>
    /// (reversible, and equal names give equal keys).
    /// </summary>
    public static string Escape(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        StringBuilder? escaped = null;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c))
            {
                escaped ??= new StringBuilder(name.Length + 8).Append(name, 0, i);
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped?.Append(c);
            }
        }

        var key = escaped?.ToString() ?? name;
        if (key.Length > MaxNameKeyLength)
        {
            throw new ArgumentException(
                $"'{parameterName}' is too long for a table key: {key.Length} characters once escaped; at most {MaxNameKeyLength} are allowed.",
                parameterName);
        }

        return key;
    }

    /// <summary>Returns a key-safe hash (base64url of SHA-256) of the parts, joined unambiguously.</summary>
    public static string Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Returns 19 digits that sort descending by time (newest first).</summary>
    public static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Returns a row key that starts with the inverted ticks of <paramref name="time"/>, then the escaped id.</summary>
    public static string NewestFirst(DateTimeOffset time, string escapedId) => InvertedTicks(time) + Separator + escapedId;

    /// <summary>Returns the time encoded at the start of a <see cref="NewestFirst"/> row key, or null when it has none.</summary>
    public static long? TicksOf(string rowKey) =>
        rowKey.Length > 19 && long.TryParse(rowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            ? DateTimeOffset.MaxValue.UtcTicks - inverted
            : null;
}
