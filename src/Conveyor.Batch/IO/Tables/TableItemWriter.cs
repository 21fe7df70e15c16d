using Azure.Data.Tables;
using Conveyor.Batch.Item;

namespace Conveyor.Batch.IO.Tables;

/// <summary>Upserts each item as a table entity, in entity-group transactions of up to 100 entities per partition key.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// Idempotent by nature: an upsert of the same entity again leaves the same row, so a chunk written again after a crash
/// changes nothing. When a chunk holds the same entity (partition and row key) more than once, the last one wins.
/// Each transaction is atomic; a chunk spanning several partitions or more than 100 entities is several transactions,
/// and a failure part-way leaves the earlier ones applied — harmless, since the chunk is written again.
/// </remarks>
public sealed class TableItemWriter<T> : IItemWriter<T>
{
    private const int MaxBatch = 100;

    private readonly TableClient _table;
    private readonly Func<T, TableEntity> _toEntity;
    private readonly TableTransactionActionType _action;

    /// <summary>Initializes a new instance of the <see cref="TableItemWriter{T}"/> class.</summary>
    /// <param name="table">The table (it must exist).</param>
    /// <param name="toEntity">Maps an item to its entity (partition key, row key, properties).</param>
    /// <param name="mode">Replace (the default: the row becomes the entity) or merge (properties not in the entity are kept).</param>
    public TableItemWriter(TableClient table, Func<T, TableEntity> toEntity, TableUpdateMode mode = TableUpdateMode.Replace)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(toEntity);
        _table = table;
        _toEntity = toEntity;
        _action = mode switch
        {
            TableUpdateMode.Replace => TableTransactionActionType.UpsertReplace,
            TableUpdateMode.Merge => TableTransactionActionType.UpsertMerge,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "The mode must be Replace or Merge."),
        };
    }

    /// <inheritdoc/>
    public async Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var partitions = new Dictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        foreach (var item in chunk)
        {
            var entity = _toEntity(item) ?? throw new InvalidOperationException("The entity mapping returned null.");
            if (!partitions.TryGetValue(entity.PartitionKey, out var rows))
            {
                rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                partitions.Add(entity.PartitionKey, rows);
            }

            rows[entity.RowKey] = entity;
        }

        foreach (var rows in partitions.Values)
        {
            foreach (var batch in rows.Values.Chunk(MaxBatch))
            {
                var actions = batch.Select(e => new TableTransactionAction(_action, e)).ToList();
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
