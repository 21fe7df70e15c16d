using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>The properties of a container as returned by a listing.</summary>
public sealed class BlobContainerProperties
{
    /// <summary>Gets the container's ETag.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets the time of the container's last change.</summary>
    public DateTimeOffset LastModified { get; init; }

    /// <summary>Gets the lease state.</summary>
    public string? LeaseState { get; init; }

    /// <summary>Gets the lease status.</summary>
    public string? LeaseStatus { get; init; }

    /// <summary>Gets the container's metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
