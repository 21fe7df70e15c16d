namespace Conveyor.Storage.Tables;

/// <summary>How an update or upsert treats the properties already stored on the entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Sets the properties given and keeps every other stored property (HTTP <c>MERGE</c>/<c>PATCH</c>).</summary>
    Merge,

    /// <summary>Replaces the stored entity: properties not given are removed (HTTP <c>PUT</c>).</summary>
    Replace,
}
