namespace Conveyor.Storage.Blobs;

/// <summary>Options of <see cref="BlobClient.OpenReadAsync"/>.</summary>
public sealed class BlobOpenReadOptions
{
    /// <summary>The default <see cref="BufferSize"/>: 4 MiB.</summary>
    public const int DefaultBufferSize = 4 * 1024 * 1024;

    /// <summary>Gets or sets the offset the stream starts at. Default 0.</summary>
    public long Position { get; set; }

    /// <summary>Gets or sets the size of each range fetched from the service. Default 4 MiB.</summary>
    public int BufferSize { get; set; } = DefaultBufferSize;

    /// <summary>Gets or sets the conditions checked when the stream is opened.</summary>
    public BlobRequestConditions? Conditions { get; set; }
}
