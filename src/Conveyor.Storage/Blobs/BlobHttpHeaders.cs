namespace Conveyor.Storage.Blobs;

/// <summary>The standard HTTP properties stored with a blob and returned when it is read.</summary>
public sealed class BlobHttpHeaders
{
    /// <summary>Gets or sets the MIME type, for example <c>text/csv</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>Gets or sets the content encoding, for example <c>gzip</c>.</summary>
    public string? ContentEncoding { get; set; }

    /// <summary>Gets or sets the content language.</summary>
    public string? ContentLanguage { get; set; }

    /// <summary>Gets or sets the content disposition.</summary>
    public string? ContentDisposition { get; set; }

    /// <summary>Gets or sets the cache control directive.</summary>
    public string? CacheControl { get; set; }
}
