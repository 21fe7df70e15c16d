using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Conveyor.Batch.Core;
using static Conveyor.Batch.Repository.TableJobRepositoryKeys;

namespace Conveyor.Batch.Repository;

/// <summary>Step executions and skipped items of <see cref="TableJobRepository"/>.</summary>
public sealed partial class TableJobRepository
{
    private const int MaxSkipTextLength = 4_000;
    private const int MaxTransactionActions = 100;

    /// <inheritdoc/>
    public async Task<StepExecution?> GetStepExecutionAsync(string jobExecutionId, string stepName, CancellationToken cancellationToken = default)
    {
        var row = await _steps.GetRowAsync(Escape(jobExecutionId, nameof(jobExecutionId)), Escape(stepName, nameof(stepName)), cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : ReadStep(row);
    }

    /// <inheritdoc/>
    /// <remarks>Ordered by start time (steps not started yet last, by last update), then by name.</remarks>
    public async Task<IReadOnlyList<StepExecution>> GetStepExecutionsAsync(string jobExecutionId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Escape(jobExecutionId, nameof(jobExecutionId))}");
        var steps = new List<StepExecution>();
        await foreach (var row in _steps.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            steps.Add(ReadStep(row));
        }

        return [.. steps
            .OrderBy(s => s.StartedAt is null)
            .ThenBy(s => s.StartedAt ?? s.LastUpdatedAt)
            .ThenBy(s => s.StepName, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A step execution without a <see cref="StepExecution.Version"/> is added (a stored one with the same name is a
    /// conflict); one with a version replaces the stored row if it still has that version. The execution context
    /// may be up to 480,000 characters (split over properties <c>Context0</c>…<c>ContextN</c>); a longer one is an
    /// <see cref="ArgumentException"/> and nothing is written.
    /// </remarks>
    public async Task SaveStepExecutionAsync(StepExecution stepExecution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepExecution);
        var entity = ToEntity(stepExecution);
        try
        {
            if (stepExecution.Version is null)
            {
                await _steps.AddRowAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _steps.ReplaceRowAsync(entity, new ETag(stepExecution.Version), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (IsStatus(e, 409, 412, 404))
        {
            throw new JobRepositoryConcurrencyException(
                e.Status switch
                {
                    409 => $"Step execution '{stepExecution.StepName}' of job execution '{stepExecution.JobExecutionId}' already exists; read it and update that.",
                    404 => $"Step execution '{stepExecution.StepName}' of job execution '{stepExecution.JobExecutionId}' does not exist.",
                    _ => $"Step execution '{stepExecution.StepName}' of job execution '{stepExecution.JobExecutionId}' changed since it was read; read it again.",
                },
                e);
        }

        stepExecution.Version = entity.ETag.ToString();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The row key of a skip is its step, its line (or a hash of its item key, or of its reason and input) and its
    /// phase, and rows are upserted, so recording a skip again stores it once. Reason and input are kept to their
    /// first 4,000 characters. Each job execution's skips are written in transactions of up to 100.
    /// </remarks>
    public async Task AddSkippedItemsAsync(IEnumerable<SkippedItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = items.Select(ToEntity).ToList();
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var distinct = partition.GroupBy(r => r.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            foreach (var chunk in distinct.Chunk(MaxTransactionActions))
            {
                await _skips.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Ordered by step (escaped name), then line number; skips without a line follow their step's numbered ones.</remarks>
    public AsyncPageable<SkippedItem> GetSkippedItemsAsync(string jobExecutionId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Escape(jobExecutionId, nameof(jobExecutionId))}");
        return new TableJobRepositoryPageable<SkippedItem>((token, size, ct) => SkipPagesAsync(filter, token, size, ct), cancellationToken);
    }

    private async IAsyncEnumerable<Page<SkippedItem>> SkipPagesAsync(string filter, string? continuationToken, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in _skips.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize).ConfigureAwait(false))
        {
            yield return Page<SkippedItem>.FromValues([.. page.Values.Select(ReadSkip)], page.ContinuationToken, page.GetRawResponse());
        }
    }

    private static TableEntity ToEntity(SkippedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.Phase, nameof(item));
        if (item.LineNumber is < 0)
        {
            throw new ArgumentException($"Skipped item line number {item.LineNumber} is negative.", nameof(item));
        }

        var position = item switch
        {
            { LineNumber: { } line } => "1" + line.ToString("D19", CultureInfo.InvariantCulture),
            { ItemKey: { } key } => "2" + Hash(key),
            _ => "3" + Hash(item.Reason ?? string.Empty, item.Input ?? string.Empty),
        };
        var rowKey = Escape(item.StepName, nameof(item)) + Separator + position + Separator + Escape(item.Phase, nameof(item));
        return new TableEntity(Escape(item.JobExecutionId, nameof(item)), rowKey)
        {
            [ExecutionColumns.JobExecutionId] = item.JobExecutionId,
            [ExecutionColumns.StepName] = item.StepName,
            ["Phase"] = item.Phase,
            ["LineNumber"] = item.LineNumber,
            ["ItemKey"] = Truncate(item.ItemKey),
            ["Reason"] = Truncate(item.Reason),
            ["Input"] = Truncate(item.Input),
        };
    }

    private static SkippedItem ReadSkip(TableEntity row) => new(
        row.GetString(ExecutionColumns.JobExecutionId) ?? string.Empty,
        row.GetString(ExecutionColumns.StepName) ?? string.Empty,
        row.GetString("Phase") ?? string.Empty,
        row.GetInt64("LineNumber"),
        row.GetString("ItemKey"),
        row.GetString("Reason") ?? string.Empty,
        row.GetString("Input"));

    private static string? Truncate(string? text) => text is { Length: > MaxSkipTextLength } ? text[..MaxSkipTextLength] : text;

    private static TableEntity ToEntity(StepExecution step)
    {
        var entity = new TableEntity(Escape(step.JobExecutionId, nameof(step)), Escape(step.StepName, nameof(step)))
        {
            [ExecutionColumns.JobExecutionId] = step.JobExecutionId,
            [ExecutionColumns.StepName] = step.StepName,
            [ExecutionColumns.Status] = step.Status.ToString(),
            [ExecutionColumns.ExitCode] = step.ExitStatus.ExitCode,
            [nameof(StepExecution.ReadCount)] = step.ReadCount,
            [nameof(StepExecution.WriteCount)] = step.WriteCount,
            [nameof(StepExecution.FilterCount)] = step.FilterCount,
            [nameof(StepExecution.ReadSkipCount)] = step.ReadSkipCount,
            [nameof(StepExecution.ProcessSkipCount)] = step.ProcessSkipCount,
            [nameof(StepExecution.WriteSkipCount)] = step.WriteSkipCount,
            [nameof(StepExecution.CommitCount)] = step.CommitCount,
            [nameof(StepExecution.RollbackCount)] = step.RollbackCount,
            [nameof(StepExecution.BytesRead)] = step.BytesRead,
            [nameof(StepExecution.BytesTotal)] = step.BytesTotal,
            [ExecutionColumns.StartedAt] = step.StartedAt,
            [ExecutionColumns.EndedAt] = step.EndedAt,
            [ExecutionColumns.LastUpdatedAt] = step.LastUpdatedAt,
            [ExecutionColumns.Worker] = step.Worker,
        };
        var what = $"step execution '{step.StepName}' of job execution '{step.JobExecutionId}'";
        TableTextProperty.Write(entity, ExecutionColumns.ExitDescription, step.ExitStatus.ExitDescription, "exit description of " + what);
        TableTextProperty.Write(entity, ExecutionColumns.Failures, JsonSerializer.Serialize(step.Failures), "failures of " + what);
        TableTextProperty.Write(entity, ExecutionColumns.Context, step.ExecutionContextJson, "execution context of " + what);
        return entity;
    }

    private static StepExecution ReadStep(TableEntity row) => new()
    {
        JobExecutionId = row.GetString(ExecutionColumns.JobExecutionId) ?? string.Empty,
        StepName = row.GetString(ExecutionColumns.StepName) ?? string.Empty,
        Status = ReadStatus(row),
        ExitStatus = new ExitStatus(row.GetString(ExecutionColumns.ExitCode) ?? ExitStatus.Unknown.ExitCode, TableTextProperty.Read(row, ExecutionColumns.ExitDescription) ?? string.Empty),
        ReadCount = row.GetInt64(nameof(StepExecution.ReadCount)) ?? 0,
        WriteCount = row.GetInt64(nameof(StepExecution.WriteCount)) ?? 0,
        FilterCount = row.GetInt64(nameof(StepExecution.FilterCount)) ?? 0,
        ReadSkipCount = row.GetInt64(nameof(StepExecution.ReadSkipCount)) ?? 0,
        ProcessSkipCount = row.GetInt64(nameof(StepExecution.ProcessSkipCount)) ?? 0,
        WriteSkipCount = row.GetInt64(nameof(StepExecution.WriteSkipCount)) ?? 0,
        CommitCount = row.GetInt64(nameof(StepExecution.CommitCount)) ?? 0,
        RollbackCount = row.GetInt64(nameof(StepExecution.RollbackCount)) ?? 0,
        BytesRead = row.GetInt64(nameof(StepExecution.BytesRead)) ?? 0,
        BytesTotal = row.GetInt64(nameof(StepExecution.BytesTotal)),
        StartedAt = row.GetDateTimeOffset(ExecutionColumns.StartedAt),
        EndedAt = row.GetDateTimeOffset(ExecutionColumns.EndedAt),
        LastUpdatedAt = row.GetDateTimeOffset(ExecutionColumns.LastUpdatedAt) ?? default,
        Failures = ReadFailures(row),
        ExecutionContextJson = TableTextProperty.Read(row, ExecutionColumns.Context),
        Worker = row.GetString(ExecutionColumns.Worker),
        Version = row.ETag.ToString(),
    };
}
