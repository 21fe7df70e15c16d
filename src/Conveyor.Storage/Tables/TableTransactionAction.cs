using Azure;

namespace Conveyor.Storage.Tables;

/// <summary>One operation of an entity group transaction (see <see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public sealed class TableTransactionAction
{
    /// <summary>Initializes a new instance of the <see cref="TableTransactionAction"/> class.</summary>
    /// <param name="actionType">The operation.</param>
    /// <param name="entity">The entity; for <see cref="TableTransactionActionType.Delete"/> only its keys are used.</param>
    /// <param name="etag">
    /// The ETag the stored entity must have, for <see cref="TableTransactionActionType.UpdateMerge"/>,
    /// <see cref="TableTransactionActionType.UpdateReplace"/> and <see cref="TableTransactionActionType.Delete"/>;
    /// <c>default</c> means <see cref="ETag.All"/> (unconditional). Ignored by the other types.
    /// </param>
    public TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Enum.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "Unknown transaction action type.");
        }

        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>Gets the operation.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>Gets the entity the operation applies to.</summary>
    public TableEntity Entity { get; }

    /// <summary>Gets the ETag condition (<c>default</c> = unconditional).</summary>
    public ETag ETag { get; }
}
