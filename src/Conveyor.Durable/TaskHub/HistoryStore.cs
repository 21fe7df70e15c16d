using System.Globalization;
using Azure;
using Conveyor.Durable.History;
using Conveyor.Storage.Tables;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// The event-sourced history of each execution in the <c>&lt;hub&gt;History</c> table: partition key = instance id,
/// row key = execution id and an eight-digit sequence number.
/// </summary>
/// <remarks>
/// Rows are only ever inserted, never updated, and an append inserts rows at the sequence numbers the writer
/// believes are next. A second writer working from the same history collides on those row keys (409), so two
/// processes can never both extend one history — no reliance on If-Match inside batch transactions, which Azurite
/// ignores. Appends go in entity-group transactions of at most 100 rows and ~3.5 MB.
/// </remarks>
internal sealed class HistoryStore(TableClient table, PayloadStore payloads)
{
    /// <summary>Table string properties hold 32K characters; larger events move to blobs.</summary>
    private const int MaxInlineEventLength = 30_000;
    private const int MaxBatchBytes = 3_500_000;

    public static string RowKey(string executionId, int sequence) =>
        executionId + ":" + sequence.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Loads the history of one execution from a sequence number on, in order.</summary>
    public async Task<List<HistoryEvent>> LoadAsync(string instanceId, string executionId, int fromSequence, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and RowKey ge {RowKey(executionId, fromSequence)} and RowKey lt {executionId + ";"}");
        var events = new List<HistoryEvent>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var json = await payloads.ResolveAsync(row.GetString("Event"), cancellationToken).ConfigureAwait(false);
            events.Add(TaskMessageCodec.DeserializeEvent(json!));
        }

        return events;
    }

    /// <summary>Appends events at sequence numbers <paramref name="firstSequence"/> onwards.</summary>
    /// <exception cref="HistoryConflictException">Some of those rows already exist: another writer got there first.</exception>
    public async Task AppendAsync(string instanceId, string executionId, int firstSequence, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>();
        var batchBytes = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var json = TaskMessageCodec.SerializeEvent(events[i]);
            var stored = await payloads.OffloadIfLargeAsync(json, MaxInlineEventLength, instanceId, cancellationToken).ConfigureAwait(false);
            var entity = new TableEntity(instanceId, RowKey(executionId, firstSequence + i))
            {
                ["Event"] = stored,
                ["EventType"] = events[i].GetType().Name,
            };
            var size = (stored!.Length * 2) + 512;
            if (batch.Count == 100 || batchBytes + size > MaxBatchBytes)
            {
                await SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                batchBytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
            batchBytes += size;
        }

        if (batch.Count > 0)
        {
            await SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every history row of an instance (all executions).</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        var batch = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, row.RowKey), ETag.All));
            if (batch.Count == 100)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new HistoryConflictException($"History rows of '{batch[0].Entity.PartitionKey}' from {batch[0].Entity.RowKey} already exist.", e);
        }
    }
}
