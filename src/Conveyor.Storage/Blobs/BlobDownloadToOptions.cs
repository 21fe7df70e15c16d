namespace Conveyor.Storage.Blobs;

/// <summary>Options of <see cref="BlobClient.DownloadToAsync"/>.</summary>
public sealed class BlobDownloadToOptions
{
    /// <summary>Gets or sets the conditions the read requires.</summary>
    public BlobRequestConditions? Conditions { get; set; }

    /// <summary>Gets or sets the range size and concurrency; null uses the defaults of <see cref="BlobTransferOptions"/>.</summary>
    public BlobTransferOptions? TransferOptions { get; set; }
}
