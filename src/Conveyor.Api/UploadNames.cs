using Conveyor.Batch.IO.Blobs;

namespace Conveyor.Api;

/// <summary>Checks the file name of an upload: a relative path of plain segments under the job's input prefix.</summary>
internal static class UploadNames
{
    /// <summary>Returns why <paramref name="name"/> (under <paramref name="prefix"/>) cannot be stored, or null when it can.</summary>
    public static string? Problem(string? name, string prefix)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "The query parameter 'name' (the file's name) is required.";
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "The file name must not contain '\\'; separate folders with '/'.";
        }

        if (name[0] == '/' || (name.Length > 1 && name[1] == ':') || name.Contains("://", StringComparison.Ordinal))
        {
            return "The file name must be relative (no leading '/', drive or scheme).";
        }

        if (name.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "The file name must not have empty, '.' or '..' segments.";
        }

        try
        {
            BlobNames.ValidateBlobName(prefix + name, nameof(name));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
