namespace Conveyor.Storage.Blobs;

/// <summary>How an upload or download is split into requests and how many run at once.</summary>
public sealed class BlobTransferOptions
{
    /// <summary>The largest blob a single Put Blob can write: 5000 MiB.</summary>
    public const long MaxSinglePutSize = 5000L * 1024 * 1024;

    /// <summary>The largest block a Put Block can stage: 4000 MiB.</summary>
    public const long MaxBlockSize = 4000L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest content written with a single Put Blob; larger content is staged as blocks and
    /// committed. Default <see cref="MaxSinglePutSize"/>. For downloads: the size of the first range request.
    /// </summary>
    public long? InitialTransferSize { get; set; }

    /// <summary>Gets or sets the size of each staged block or downloaded range. Default 8 MiB.</summary>
    public long? MaximumTransferSize { get; set; }

    /// <summary>Gets or sets how many blocks or ranges are in flight at once. Default 4.</summary>
    public int? MaximumConcurrency { get; set; }

    internal const long DefaultTransferSize = 8L * 1024 * 1024;

    internal const int DefaultConcurrency = 4;

    internal long SinglePutLimit => Math.Clamp(InitialTransferSize ?? MaxSinglePutSize, 0, MaxSinglePutSize);

    internal int BlockSize => (int)Math.Clamp(MaximumTransferSize ?? DefaultTransferSize, 1, Array.MaxLength);

    internal int Concurrency => Math.Max(1, MaximumConcurrency ?? DefaultConcurrency);
}
