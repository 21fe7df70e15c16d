namespace Conveyor.Storage.Blobs;

/// <summary>A blob download whose content is read straight from the network.</summary>
/// <remarks>Dispose it (or its <see cref="Content"/>) to release the connection.</remarks>
public sealed class BlobDownloadStreamingResult : IDisposable
{
    /// <summary>Gets the network stream of the blob's (or range's) bytes.</summary>
    public required Stream Content { get; init; }

    /// <summary>Gets the blob's properties as of the download.</summary>
    public required BlobProperties Details { get; init; }

    /// <inheritdoc/>
    public void Dispose() => Content.Dispose();
}
