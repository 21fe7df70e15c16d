using System.Text;

namespace Conveyor.Storage.Blobs;

/// <summary>Validates metadata before it is sent: names are C# identifiers, values printable ASCII.</summary>
internal static class BlobMetadata
{
    /// <summary>The service's limit on the total size of names and values.</summary>
    public const int MaxTotalSize = 8 * 1024;

    public static void Validate(IDictionary<string, string>? metadata, string paramName = "metadata")
    {
        if (metadata is null)
        {
            return;
        }

        var total = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            if (!IsIdentifier(name))
            {
                throw new ArgumentException(
                    $"The metadata name '{Printable(name)}' is invalid: it must be a C# identifier (a letter or '_' followed by letters, digits or '_').",
                    paramName);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The metadata name '{name}' appears twice ignoring case; names are case-insensitive.", paramName);
            }

            ArgumentNullException.ThrowIfNull(value, paramName);
            if (value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"The value of metadata '{name}' is invalid: it must be printable ASCII.", paramName);
            }

            if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            {
                throw new ArgumentException(
                    $"The value of metadata '{name}' is invalid: it must not start or end with a space (HTTP would drop it).", paramName);
            }

            total += name.Length + value.Length;
        }

        if (total > MaxTotalSize)
        {
            throw new ArgumentException($"The metadata is invalid: names and values total {total} characters, over the limit of {MaxTotalSize}.", paramName);
        }
    }

    private static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        // Header names are ASCII, so only ASCII identifiers can travel.
        return name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_'));
    }

    private static string Printable(string? name) =>
        name is null ? "(null)" : new StringBuilder(name.Length).Append(name.Select(c => c is < ' ' or > '~' ? '?' : c).ToArray()).ToString();
}
