using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>What the service reports after writing a blob's content.</summary>
public sealed class BlobContentInfo
{
    /// <summary>Gets the blob's new ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the write.</summary>
    public DateTimeOffset LastModified { get; init; }
}
