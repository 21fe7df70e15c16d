namespace Conveyor.Storage.Blobs;

/// <summary>Options of <see cref="BlobClient.StageBlockAsync(string, BinaryData, BlobStageBlockOptions, CancellationToken)"/>.</summary>
public sealed class BlobStageBlockOptions
{
    /// <summary>Gets or sets the active lease id of a leased blob.</summary>
    public string? LeaseId { get; set; }

    /// <summary>
    /// Gets or sets the MD5 hash of the block's bytes, sent as <c>Content-MD5</c>: the service refuses the block (400
    /// <c>Md5Mismatch</c>) if the bytes it received hash otherwise. Null (the default) sends none.
    /// </summary>
    public ReadOnlyMemory<byte>? TransactionalContentHash { get; set; }
}
