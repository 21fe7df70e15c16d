using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>A blob's system properties and metadata.</summary>
public sealed class BlobProperties
{
    /// <summary>Gets the blob's full length in bytes (also when only a range was downloaded).</summary>
    public long ContentLength { get; init; }

    /// <summary>Gets the blob's ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the last write.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the time the blob was created.</summary>
    public DateTimeOffset CreatedOn { get; init; }

    /// <summary>Gets the MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the content encoding.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the content language.</summary>
    public string? ContentLanguage { get; init; }

    /// <summary>Gets the content disposition.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Gets the cache control directive.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Gets the metadata (names compared case-insensitively).</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the lease state: <c>available</c>, <c>leased</c>, <c>expired</c>, <c>breaking</c> or <c>broken</c>.</summary>
    public string? LeaseState { get; init; }

    /// <summary>Gets the lease status: <c>locked</c> or <c>unlocked</c>.</summary>
    public string? LeaseStatus { get; init; }

    /// <summary>Gets the lease duration when leased: <c>infinite</c> or <c>fixed</c>.</summary>
    public string? LeaseDuration { get; init; }

    /// <summary>Gets the blob type: <c>BlockBlob</c>, <c>AppendBlob</c> or <c>PageBlob</c>.</summary>
    public string BlobType { get; init; } = "BlockBlob";
}
