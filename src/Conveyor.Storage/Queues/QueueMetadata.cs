using Azure;
using Azure.Core;

namespace Conveyor.Storage.Queues;

/// <summary>Queue metadata as <c>x-ms-meta-*</c> headers.</summary>
internal static class QueueMetadata
{
    private const string Prefix = "x-ms-meta-";

    public static void Write(Request request, IDictionary<string, string>? metadata, string parameterName)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (name, value) in metadata)
        {
            if (!IsValidName(name))
            {
                throw new ArgumentException(
                    $"Metadata name '{name}' is not valid: it must be a C# identifier (letters, digits and underscores, not starting with a digit).",
                    parameterName);
            }

            ArgumentNullException.ThrowIfNull(value, parameterName);
            foreach (var c in value)
            {
                if (c is < ' ' or > '~')
                {
                    throw new ArgumentException($"The value of metadata '{name}' may contain only printable ASCII characters.", parameterName);
                }
            }

            request.Headers.SetValue(Prefix + name, value);
        }
    }

    public static Dictionary<string, string> Read(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[Prefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }

    private static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
