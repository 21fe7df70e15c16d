using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>Options of a blob download.</summary>
public sealed class BlobDownloadOptions
{
    /// <summary>Gets or sets the byte range to download; the default is the whole blob.</summary>
    public HttpRange? Range { get; set; }

    /// <summary>Gets or sets the conditions the read requires.</summary>
    public BlobRequestConditions? Conditions { get; set; }
}
