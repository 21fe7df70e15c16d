using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>The state of a blob (or container) after its lease was released.</summary>
public sealed class ReleasedObjectInfo
{
    /// <summary>Gets the ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the last change.</summary>
    public DateTimeOffset LastModified { get; init; }
}
