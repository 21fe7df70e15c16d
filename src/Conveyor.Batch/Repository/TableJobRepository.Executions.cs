using Azure;
using Azure.Data.Tables;
using Conveyor.Batch.Core;
using static Conveyor.Batch.Repository.TableJobRepositoryKeys;

namespace Conveyor.Batch.Repository;

/// <summary>Job instances and executions of <see cref="TableJobRepository"/>.</summary>
public sealed partial class TableJobRepository
{
    /// <summary>
    /// How long an instance claimed by an execution whose row is still missing counts as "being created" before the
    /// claim is taken for a crash and repaired.
    /// </summary>
    private static readonly TimeSpan CreationGracePeriod = TimeSpan.FromSeconds(30);

    private const int MaxClaimAttempts = 20;

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The instance row is the lock. The call reads it, reads the last execution's row for the truth, decides, and
    /// claims the instance with one If-Match update that names the new execution; a 409 or 412 means another call
    /// got there first, so it reads again and decides again — of any number of concurrent calls exactly one wins.
    /// </para>
    /// <para>
    /// Writes, in order: index rows (invisible until the execution row exists), the claim (or the new instance
    /// row, which is the first claim), then the execution row. If a caller dies after its claim and before its
    /// execution row, the next call sees a claimed but missing execution: within 30 seconds it answers
    /// <see cref="JobExecutionAlreadyRunningException"/>; after that it fences the dead claim by adding the missing
    /// execution row itself as FAILED (so a late creator gets a 409 and <see cref="JobRepositoryConcurrencyException"/>
    /// instead of running twice) and rolls the instance back to the execution before it.
    /// </para>
    /// <para>
    /// Idempotent per <paramref name="executionId"/>: calling again with an id that already names an execution of
    /// the same instance returns that execution; an id used by another instance is an <see cref="ArgumentException"/>.
    /// </para>
    /// </remarks>
    public async Task<(JobInstance Instance, JobExecution Execution)> CreateJobExecutionAsync(
        string jobName, JobParameters parameters, string executionId, bool restartable = true, bool allowStartIfComplete = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrEmpty(executionId);
        var jobKey = Escape(jobName, nameof(jobName));
        var executionKey = Escape(executionId, nameof(executionId));
        var instanceId = JobInstance.IdOf(jobName, parameters);
        var instanceKey = Escape(instanceId, nameof(jobName));
        var parametersJson = JobParametersJson.Write(parameters);

        if (await GetJobExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) is { } known)
        {
            return known.InstanceId == instanceId
                ? (await GetJobInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw new JobRepositoryConcurrencyException($"Job instance '{instanceId}' is missing."), known)
                : throw new ArgumentException($"Execution id '{executionId}' is already used by job instance '{known.InstanceId}'.", nameof(executionId));
        }

        var createdAt = _time.GetUtcNow();
        var indexRows = ExecutionIndexRows(jobName, instanceId, executionId, parameters, createdAt);
        await UpsertAllAsync(indexRows, cancellationToken).ConfigureAwait(false);
        var claimed = false;
        string? restartOf = null;
        TableEntity? row = null;
        try
        {
            for (var attempt = 0; attempt < MaxClaimAttempts && !claimed; attempt++)
            {
                row = await _instances.GetRowAsync(jobKey, instanceKey, cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    var instanceIndexRow = InstanceIndexRow(jobName, instanceId, createdAt);
                    indexRows.Add(instanceIndexRow);
                    await _index.UpsertEntityAsync(instanceIndexRow, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    row = new TableEntity(jobKey, instanceKey)
                    {
                        [InstanceColumns.JobName] = jobName,
                        [InstanceColumns.InstanceId] = instanceId,
                        [InstanceColumns.IdentityKey] = parameters.ToIdentityKey(),
                        [InstanceColumns.CreatedAt] = createdAt,
                    };
                    restartOf = null;
                    SetClaim(row, executionId, createdAt, previousExecutionId: null, restartOf: null);
                    claimed = await TryAsync(_instances.AddRowAsync(row, cancellationToken), 409).ConfigureAwait(false);
                    continue;
                }

                var decision = await DecideAsync(row, restartable, allowStartIfComplete, cancellationToken).ConfigureAwait(false);
                if (decision.Retry)
                {
                    continue;
                }

                restartOf = decision.RestartOf;
                SetClaim(row, executionId, createdAt, row.GetString(InstanceColumns.LastExecutionId), restartOf);
                claimed = await TryAsync(_instances.ReplaceRowAsync(row, row.ETag, cancellationToken), 409, 412, 404).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!claimed)
            {
                await DeleteQuietlyAsync(indexRows).ConfigureAwait(false);
            }
        }

        if (!claimed || row is null)
        {
            throw new JobRepositoryConcurrencyException($"Job instance '{instanceId}' changed {MaxClaimAttempts} times while execution '{executionId}' tried to claim it; try again.");
        }

        var execution = new JobExecution
        {
            ExecutionId = executionId,
            InstanceId = instanceId,
            JobName = jobName,
            Parameters = parameters,
            CreatedAt = createdAt,
            LastUpdatedAt = createdAt,
            RestartOf = restartOf,
        };
        var entity = ToEntity(execution, executionKey, parametersJson);
        if (!await TryAsync(_executions.AddRowAsync(entity, cancellationToken), 409).ConfigureAwait(false))
        {
            throw new JobRepositoryConcurrencyException(
                $"Execution '{executionId}' of job instance '{instanceId}' was written too late: another call took its claim for a crash and closed it. Start a new execution.");
        }

        execution.Version = entity.ETag.ToString();
        return (ReadInstance(row), execution);
    }

    /// <inheritdoc/>
    public async Task<JobExecution?> GetJobExecutionAsync(string executionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionId);
        var row = await _executions.GetRowAsync(Escape(executionId, nameof(executionId)), string.Empty, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadExecution(row);
    }

    /// <inheritdoc/>
    /// <remarks>Also records the status on the instance row when this is the instance's last execution (If-Match, retried from fresh state).</remarks>
    public async Task UpdateJobExecutionAsync(JobExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.Version is null)
        {
            throw new ArgumentException($"Execution '{execution.ExecutionId}' has no version: read it from the repository before updating it.", nameof(execution));
        }

        var entity = ToEntity(execution, Escape(execution.ExecutionId, nameof(execution)), JobParametersJson.Write(execution.Parameters));
        try
        {
            await _executions.ReplaceRowAsync(entity, new ETag(execution.Version), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsStatus(e, 412, 404))
        {
            throw new JobRepositoryConcurrencyException(
                e.Status == 404 ? $"Execution '{execution.ExecutionId}' does not exist." : $"Execution '{execution.ExecutionId}' changed since it was read; read it again.", e);
        }

        execution.Version = entity.ETag.ToString();
        await RecordLastStatusAsync(execution, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JobExecution>> GetJobExecutionsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartitions.ExecutionsOfInstance(instanceId)}");
        var rows = new List<TableEntity>();
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var loaded = await Task.WhenAll(rows.Select(row => LoadIndexedExecutionAsync(row, cancellationToken))).ConfigureAwait(false);
        return [.. loaded.OfType<JobExecution>().Where(e => e.InstanceId == instanceId)];
    }

    private async Task<(bool Retry, string? RestartOf)> DecideAsync(TableEntity row, bool restartable, bool allowStartIfComplete, CancellationToken cancellationToken)
    {
        var instanceId = row.GetString(InstanceColumns.InstanceId);
        if (row.GetString(InstanceColumns.LastExecutionId) is not { } lastId)
        {
            return (false, null);
        }

        var last = await GetJobExecutionAsync(lastId, cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            var claimedAt = row.GetDateTimeOffset(InstanceColumns.ClaimedAt) ?? DateTimeOffset.MinValue;
            if (_time.GetUtcNow() - claimedAt < CreationGracePeriod)
            {
                throw new JobExecutionAlreadyRunningException($"Execution '{lastId}' of job instance '{instanceId}' is being created.");
            }

            await CloseInterruptedClaimAsync(row, lastId, claimedAt, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }

        return last.Status switch
        {
            BatchStatus.Starting or BatchStatus.Started or BatchStatus.Stopping =>
                throw new JobExecutionAlreadyRunningException($"Execution '{lastId}' of job instance '{instanceId}' is {last.Status.ToString().ToUpperInvariant()}."),
            BatchStatus.Completed when !allowStartIfComplete =>
                throw new JobInstanceAlreadyCompleteException($"Job instance '{instanceId}' already completed (execution '{lastId}'); change an identifying parameter to run it again."),
            BatchStatus.Completed => (false, null),
            BatchStatus.Failed or BatchStatus.Stopped when !restartable =>
                throw new JobRestartException($"Job instance '{instanceId}' is not restartable; its last execution '{lastId}' is {last.Status.ToString().ToUpperInvariant()}."),
            BatchStatus.Failed or BatchStatus.Stopped => (false, lastId),
            _ => throw new JobRestartException($"Job instance '{instanceId}' cannot be restarted: its last execution '{lastId}' is {last.Status.ToString().ToUpperInvariant()}."),
        };
    }

    /// <summary>Fences a claim whose execution row never appeared, then rolls the instance back to the execution before it.</summary>
    private async Task CloseInterruptedClaimAsync(TableEntity row, string lastId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var tombstone = new JobExecution
        {
            ExecutionId = lastId,
            InstanceId = row.GetString(InstanceColumns.InstanceId) ?? string.Empty,
            JobName = row.GetString(InstanceColumns.JobName) ?? string.Empty,
            Parameters = new JobParameters(),
            Status = BatchStatus.Failed,
            ExitStatus = ExitStatus.Failed.AddExitDescription("The execution was never written: its creator stopped after claiming the job instance."),
            CreatedAt = claimedAt,
            EndedAt = now,
            LastUpdatedAt = now,
            RestartOf = row.GetString(InstanceColumns.PendingRestartOf),
        };
        if (!await TryAsync(_executions.AddRowAsync(ToEntity(tombstone, Escape(lastId, nameof(lastId)), null), cancellationToken), 409).ConfigureAwait(false))
        {
            return; // The creator's row landed after all; decide again from it.
        }

        row[InstanceColumns.LastExecutionId] = row.GetString(InstanceColumns.PreviousExecutionId);
        row[InstanceColumns.LastStatus] = null;
        row[InstanceColumns.PreviousExecutionId] = null;
        row[InstanceColumns.PendingRestartOf] = null;
        await TryAsync(_instances.ReplaceRowAsync(row, row.ETag, cancellationToken), 412, 404).ConfigureAwait(false);
    }

    private async Task RecordLastStatusAsync(JobExecution execution, CancellationToken cancellationToken)
    {
        var jobKey = Escape(execution.JobName, nameof(execution));
        var instanceKey = Escape(execution.InstanceId, nameof(execution));
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var row = await _instances.GetRowAsync(jobKey, instanceKey, cancellationToken).ConfigureAwait(false);
            if (row is null || row.GetString(InstanceColumns.LastExecutionId) != execution.ExecutionId || row.GetString(InstanceColumns.LastStatus) == execution.Status.ToString())
            {
                return;
            }

            row[InstanceColumns.LastStatus] = execution.Status.ToString();
            if (await TryAsync(_instances.ReplaceRowAsync(row, row.ETag, cancellationToken), 412, 404).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static void SetClaim(TableEntity row, string executionId, DateTimeOffset claimedAt, string? previousExecutionId, string? restartOf)
    {
        row[InstanceColumns.LastExecutionId] = executionId;
        row[InstanceColumns.LastStatus] = nameof(BatchStatus.Starting);
        row[InstanceColumns.ClaimedAt] = claimedAt;
        row[InstanceColumns.PreviousExecutionId] = previousExecutionId;
        row[InstanceColumns.PendingRestartOf] = restartOf;
    }

    private static List<TableEntity> ExecutionIndexRows(string jobName, string instanceId, string executionId, JobParameters parameters, DateTimeOffset createdAt)
    {
        var rowKey = NewestFirst(createdAt, Escape(executionId, nameof(executionId)));
        TableEntity Row(string partition) => new(partition, rowKey)
        {
            [IndexColumns.ExecutionId] = executionId,
            [IndexColumns.InstanceId] = instanceId,
            [IndexColumns.JobName] = jobName,
            [IndexColumns.CreatedAt] = createdAt,
        };

        var rows = new List<TableEntity>
        {
            Row(IndexPartitions.AllExecutions),
            Row(IndexPartitions.ExecutionsOfJob(jobName)),
            Row(IndexPartitions.ExecutionsOfInstance(instanceId)),
        };
        foreach (var (name, parameter) in parameters.Values)
        {
            var value = parameter.ToInvariantString();
            foreach (var partition in new[] { IndexPartitions.ExecutionsOfJobWithParameter(jobName, name, value), IndexPartitions.ExecutionsWithParameter(name, value) })
            {
                var row = Row(partition);
                row[IndexColumns.ParameterName] = name.Length > 1024 ? name[..1024] : name;
                row[IndexColumns.ParameterValue] = value.Length > 1024 ? value[..1024] : value;
                rows.Add(row);
            }
        }

        return rows;
    }

    private static TableEntity InstanceIndexRow(string jobName, string instanceId, DateTimeOffset createdAt) =>
        new(IndexPartitions.InstancesOfJob(jobName), NewestFirst(createdAt, Escape(instanceId, nameof(instanceId))))
        {
            [IndexColumns.InstanceId] = instanceId,
            [IndexColumns.JobName] = jobName,
            [IndexColumns.CreatedAt] = createdAt,
        };

    private async Task UpsertAllAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken) =>
        await Task.WhenAll(rows.Select(row => _index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);

    /// <summary>Removes index rows of a create that lost; readers skip them anyway, so failures are ignored.</summary>
    private async Task DeleteQuietlyAsync(IEnumerable<TableEntity> rows)
    {
        try
        {
            await Task.WhenAll(rows.Select(row => _index.DeleteEntityAsync(row.PartitionKey, row.RowKey))).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Orphaned index rows are invisible: their execution or instance does not exist or has another creation time.
        }
    }

    /// <summary>Loads the execution an index row points to; null when it is missing or is not the execution the row was written for.</summary>
    private async Task<JobExecution?> LoadIndexedExecutionAsync(TableEntity indexRow, CancellationToken cancellationToken)
    {
        if (indexRow.GetString(IndexColumns.ExecutionId) is not { } executionId)
        {
            return null;
        }

        var execution = await GetJobExecutionAsync(executionId, cancellationToken).ConfigureAwait(false);
        return execution is not null && execution.CreatedAt.UtcTicks == TicksOf(indexRow.RowKey) ? execution : null;
    }

    private static async Task<bool> TryAsync(Task<Response> write, params int[] expectedFailures)
    {
        try
        {
            await write.ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (IsStatus(e, expectedFailures))
        {
            return false;
        }
    }
}
