using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>The properties of a blob as returned by a listing.</summary>
public sealed class BlobItemProperties
{
    /// <summary>Gets the blob's length in bytes.</summary>
    public long ContentLength { get; init; }

    /// <summary>Gets the blob's ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the last write.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the time the blob was created, when the service reports it.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Gets the MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the content encoding.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>Gets the blob type: <c>BlockBlob</c>, <c>AppendBlob</c> or <c>PageBlob</c>.</summary>
    public string? BlobType { get; init; }

    /// <summary>Gets the lease state.</summary>
    public string? LeaseState { get; init; }
}
