namespace Conveyor.Storage.Blobs;

/// <summary>Options of <see cref="BlobClient.StageBlockAsync(string, BinaryData, BlobStageBlockOptions, CancellationToken)"/>.</summary>
public sealed class BlobStageBlockOptions
{
    /// <summary>Gets or sets the active lease id of a leased blob.</summary>
    public string? LeaseId { get; set; }
}
