namespace Conveyor.Storage.Blobs;

/// <summary>A downloaded blob (or range) held in memory.</summary>
public sealed class BlobDownloadResult
{
    /// <summary>Gets the downloaded bytes.</summary>
    public required BinaryData Content { get; init; }

    /// <summary>Gets the blob's properties as of the download.</summary>
    public required BlobProperties Details { get; init; }
}
