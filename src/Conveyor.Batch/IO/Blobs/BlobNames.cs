namespace Conveyor.Batch.IO.Blobs;

/// <summary>Validates container and blob names before any request, naming the rule a name breaks (the service would only answer 400).</summary>
public static class BlobNames
{
    /// <summary>The longest blob name the service accepts.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>The most '/'-separated segments a blob name may have.</summary>
    public const int MaxPathSegments = 254;

    private static readonly HashSet<string> SpecialContainers = new(StringComparer.Ordinal) { "$root", "$logs", "$web" };

    /// <summary>Throws when <paramref name="containerName"/> breaks the service's container naming rules, naming the rule.</summary>
    /// <param name="containerName">The container name.</param>
    /// <param name="paramName">The parameter name to report.</param>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static void ValidateContainerName(string containerName, string paramName = "containerName")
    {
        ArgumentNullException.ThrowIfNull(containerName, paramName);
        if (SpecialContainers.Contains(containerName))
        {
            return;
        }

        string? broken = null;
        if (containerName.Length is < 3 or > 63)
        {
            broken = "it must be 3 to 63 characters long";
        }
        else if (!containerName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            broken = "it may contain only lower-case letters, digits and hyphens";
        }
        else if (containerName[0] == '-' || containerName[^1] == '-')
        {
            broken = "it must start and end with a letter or digit";
        }
        else if (containerName.Contains("--", StringComparison.Ordinal))
        {
            broken = "it must not contain two hyphens in a row";
        }

        if (broken is not null)
        {
            throw new ArgumentException($"The container name '{containerName}' is invalid: {broken}.", paramName);
        }
    }

    /// <summary>Throws when <paramref name="blobName"/> breaks the blob naming rules or has '.' or '..' segments (no path traversal), naming the rule.</summary>
    /// <param name="blobName">The blob name.</param>
    /// <param name="paramName">The parameter name to report.</param>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static void ValidateBlobName(string blobName, string paramName = "blobName")
    {
        ArgumentNullException.ThrowIfNull(blobName, paramName);
        string? broken = null;
        if (blobName.Length is 0 or > MaxBlobNameLength)
        {
            broken = $"it must be 1 to {MaxBlobNameLength} characters long";
        }
        else if (blobName[^1] is '.' or '/' or '\\')
        {
            broken = "it must not end with '.', '/' or '\\'";
        }
        else if (blobName.Count(c => c == '/') + 1 > MaxPathSegments)
        {
            broken = $"it must not have more than {MaxPathSegments} path segments";
        }
        else if (blobName.Split('/').Any(s => s is "." or ".."))
        {
            broken = "a path segment must not be '.' or '..' (URI normalization would remove it)";
        }
        else if (blobName.Any(char.IsControl))
        {
            broken = "it must not contain control characters";
        }
        else if (!IsWellFormedUtf16(blobName))
        {
            broken = "it must be well-formed UTF-16 (no lone surrogates)";
        }

        if (broken is not null)
        {
            throw new ArgumentException($"The blob name '{Printable(blobName)}' is invalid: {broken}.", paramName);
        }
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Printable(string name)
    {
        var shown = name.Length <= 80 ? name : name[..80] + "…";
        return new string([.. shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);
    }
}
