using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>The result of a lease operation.</summary>
public sealed class BlobLease
{
    /// <summary>Gets the lease id (after a break: the id the client used, as the service returns none).</summary>
    public string LeaseId { get; init; } = string.Empty;

    /// <summary>Gets the blob's (or container's) ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the last change of the blob (or container).</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the seconds left until a broken lease ends (break only).</summary>
    public int? LeaseTime { get; init; }
}
