using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>What the service reports after changing a blob's metadata or properties.</summary>
public sealed class BlobInfo
{
    /// <summary>Gets the blob's new ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the change.</summary>
    public DateTimeOffset LastModified { get; init; }
}
