namespace Conveyor.Storage.Blobs;

/// <summary>Which blocks <see cref="BlobClient.GetBlockListAsync"/> returns.</summary>
[Flags]
public enum BlockListTypes
{
    /// <summary>The blocks of the committed blob.</summary>
    Committed = 1,

    /// <summary>The staged blocks not yet committed.</summary>
    Uncommitted = 2,

    /// <summary>Both.</summary>
    All = Committed | Uncommitted,
}
