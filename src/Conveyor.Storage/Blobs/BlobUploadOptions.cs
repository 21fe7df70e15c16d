namespace Conveyor.Storage.Blobs;

/// <summary>Options of <see cref="BlobClient.UploadAsync(BinaryData, BlobUploadOptions?, CancellationToken)"/> and block list commits.</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Gets or sets the HTTP properties stored with the blob (content type, encoding, …).</summary>
    public BlobHttpHeaders? HttpHeaders { get; set; }

    /// <summary>Gets or sets the metadata stored with the blob; names must be C# identifiers, values ASCII.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the conditions the write requires (ETag, lease, times).</summary>
    public BlobRequestConditions? Conditions { get; set; }

    /// <summary>Gets or sets how content is split into staged blocks; null uses the defaults of <see cref="BlobTransferOptions"/>.</summary>
    public BlobTransferOptions? TransferOptions { get; set; }
}
