namespace Conveyor.Storage.Tables;

/// <summary>The operation one <see cref="TableTransactionAction"/> performs inside an entity group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Inserts the entity; the transaction fails if it exists.</summary>
    Add,

    /// <summary>Merges the entity's properties into the stored entity, which must exist.</summary>
    UpdateMerge,

    /// <summary>Replaces the stored entity, which must exist.</summary>
    UpdateReplace,

    /// <summary>Deletes the stored entity, which must exist.</summary>
    Delete,

    /// <summary>Inserts the entity, or merges its properties into the stored one.</summary>
    UpsertMerge,

    /// <summary>Inserts the entity, or replaces the stored one.</summary>
    UpsertReplace,
}
