using System.Globalization;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Blobs;

/// <summary>Writes blob request headers and reads blob response headers.</summary>
internal static class BlobHeaders
{
    public const string MetadataPrefix = "x-ms-meta-";

    public static void ApplyConditions(Request request, BlobRequestConditions? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch.ToString("H"));
        }

        if (conditions.IfModifiedSince is { } modified)
        {
            request.Headers.SetValue("If-Modified-Since", modified.ToString("R", CultureInfo.InvariantCulture));
        }

        if (conditions.IfUnmodifiedSince is { } unmodified)
        {
            request.Headers.SetValue("If-Unmodified-Since", unmodified.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(conditions.LeaseId))
        {
            request.Headers.SetValue("x-ms-lease-id", conditions.LeaseId);
        }
    }

    public static void ApplyHttpHeaders(Request request, BlobHttpHeaders? headers)
    {
        if (headers is null)
        {
            return;
        }

        SetIfPresent(request, "x-ms-blob-content-type", headers.ContentType);
        SetIfPresent(request, "x-ms-blob-content-encoding", headers.ContentEncoding);
        SetIfPresent(request, "x-ms-blob-content-language", headers.ContentLanguage);
        SetIfPresent(request, "x-ms-blob-content-disposition", headers.ContentDisposition);
        SetIfPresent(request, "x-ms-blob-cache-control", headers.CacheControl);
    }

    public static void ApplyMetadata(Request request, IDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    public static ETag ReadETag(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? ParseETag(etag) : default;

    public static DateTimeOffset ReadLastModified(Response response) =>
        ReadDate(response, "Last-Modified") ?? default;

    public static DateTimeOffset? ReadDate(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? ParseDate(value) : null;

    public static string? Read(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Normalizes an ETag to its quoted header form, so values from headers and listings compare equal.</summary>
    public static ETag ParseETag(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        value = value.Trim();
        return value == "*" || value.StartsWith("W/", StringComparison.Ordinal) || value.StartsWith('"')
            ? new ETag(value)
            : new ETag('"' + value + '"');
    }

    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    public static BlobProperties ReadProperties(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return new BlobProperties
        {
            ContentLength = TotalLength(response),
            ETag = ReadETag(response),
            LastModified = ReadLastModified(response),
            CreatedOn = ReadDate(response, "x-ms-creation-time") ?? default,
            ContentType = Read(response, "Content-Type"),
            ContentEncoding = Read(response, "Content-Encoding"),
            ContentLanguage = Read(response, "Content-Language"),
            ContentDisposition = Read(response, "Content-Disposition"),
            CacheControl = Read(response, "Cache-Control"),
            Metadata = metadata,
            LeaseState = Read(response, "x-ms-lease-state"),
            LeaseStatus = Read(response, "x-ms-lease-status"),
            LeaseDuration = Read(response, "x-ms-lease-duration"),
            BlobType = Read(response, "x-ms-blob-type") ?? "BlockBlob",
        };
    }

    /// <summary>The blob's full length: the total of <c>Content-Range</c> for a range, else <c>Content-Length</c>.</summary>
    public static long TotalLength(Response response)
    {
        if (response.Headers.TryGetValue("Content-Range", out var range))
        {
            var slash = range.LastIndexOf('/');
            if (slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                return total;
            }
        }

        return response.Headers.ContentLength ?? 0;
    }

    public static BlobContentInfo ReadContentInfo(Response response) =>
        new() { ETag = ReadETag(response), LastModified = ReadLastModified(response) };

    private static void SetIfPresent(Request request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.SetValue(name, value);
        }
    }
}
