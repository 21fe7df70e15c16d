using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>The committed and uncommitted blocks of a block blob.</summary>
public sealed class BlockList
{
    /// <summary>Gets the blocks of the committed blob, in order.</summary>
    public IReadOnlyList<BlobBlock> CommittedBlocks { get; init; } = [];

    /// <summary>Gets the staged blocks not yet committed.</summary>
    public IReadOnlyList<BlobBlock> UncommittedBlocks { get; init; } = [];

    /// <summary>Gets the committed blob's ETag, or null when no blob is committed yet.</summary>
    public ETag? ETag { get; init; }

    /// <summary>Gets the committed blob's length (0 when none is committed).</summary>
    public long BlobContentLength { get; init; }
}
