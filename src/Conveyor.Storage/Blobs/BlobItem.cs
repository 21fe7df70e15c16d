namespace Conveyor.Storage.Blobs;

/// <summary>One blob of a listing.</summary>
public sealed class BlobItem
{
    /// <summary>Gets the blob's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the blob's properties.</summary>
    public required BlobItemProperties Properties { get; init; }

    /// <summary>Gets the blob's metadata (empty unless the listing asked for it).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
