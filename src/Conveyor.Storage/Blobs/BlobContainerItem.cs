namespace Conveyor.Storage.Blobs;

/// <summary>One container of a listing.</summary>
public sealed class BlobContainerItem
{
    /// <summary>Gets the container's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the container's properties.</summary>
    public required BlobContainerProperties Properties { get; init; }
}
