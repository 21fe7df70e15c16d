using Azure;
using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Tables;

namespace Conveyor.Durable;

/// <summary>The <see cref="DurableTaskClient"/> of a task hub on Azure Storage.</summary>
internal sealed class AzureStorageDurableTaskClient(TaskHubStorage storage) : DurableTaskClient
{
    public override Task CreateTaskHubIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        storage.Hub.CreateIfNotExistsAsync(cancellationToken);

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var serialized = storage.Converter.Serialize(input);
        await StartExecutionAsync(instanceId, orchestratorName, serialized, options?.StartAt, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs);
    }

    public override async Task<IReadOnlyList<OrchestrationHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, false, cancellationToken).ConfigureAwait(false) ?? throw new OrchestrationNotFoundException(instanceId);
        var events = await storage.History.LoadAsync(instanceId, record.ExecutionId, 0, cancellationToken).ConfigureAwait(false);
        return [.. events.Select(HistoryEventProjection.ToPublic)];
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null) =>
        new InstancePageable(this, query ?? new OrchestrationQuery());

    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var record = await RequireRunningAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var raised = new EventRaisedEvent(eventName, storage.Converter.Serialize(eventPayload), Guid.NewGuid().ToString("N")) { Timestamp = storage.UtcNow };
        await SendControlAsync(record, raised, cancellationToken).ConfigureAwait(false);
    }

    public override async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, false, cancellationToken).ConfigureAwait(false) ?? throw new OrchestrationNotFoundException(instanceId);
        if (record.IsTerminal)
        {
            return;
        }

        var reason = output as string ?? storage.Converter.Serialize(output);
        await SendControlAsync(record, new ExecutionTerminatedEvent(reason) { Timestamp = storage.UtcNow }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await RequireRunningAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await SendControlAsync(record, new ExecutionSuspendedEvent(reason) { Timestamp = storage.UtcNow }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var record = await RequireRunningAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await SendControlAsync(record, new ExecutionResumedEvent(reason) { Timestamp = storage.UtcNow }, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
        if (record is null || !record.IsTerminal)
        {
            return new PurgeResult(0);
        }

        await storage.History.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await storage.Payloads.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        try
        {
            await storage.Instances.Table.DeleteEntityAsync(instanceId, string.Empty, record.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new PurgeResult(0); // Restarted meanwhile: leave it.
        }

        return new PurgeResult(1);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terminal = new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated };
        var statuses = query.Statuses.Count == 0 ? terminal : query.Statuses.Intersect(terminal).ToArray();
        if (statuses.Length == 0)
        {
            return new PurgeResult(0);
        }

        var narrowed = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            InstanceIdPrefix = query.InstanceIdPrefix,
            PageSize = query.PageSize,
        };
        var purged = 0;
        await foreach (var instance in GetAllInstancesAsync(narrowed).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            purged += (await PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, resolvePayloads: true, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var input = record.Input;
        if (record.Status == OrchestrationRuntimeStatus.ContinuedAsNew || (!restartWithNewInstanceId && !record.IsTerminal))
        {
            throw new OrchestrationAlreadyExistsException(instanceId, record.Status);
        }

        await StartExecutionAsync(newId, record.Name, input, null, cancellationToken).ConfigureAwait(false);
        return newId;
    }

    internal OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) =>
        new(record.Name, record.InstanceId, storage.Converter)
        {
            RuntimeStatus = record.Status,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(record.CreatedAt, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(record.LastUpdatedAt, DateTimeKind.Utc)),
            SerializedInput = withPayloads ? record.Input : null,
            SerializedOutput = withPayloads ? record.Output : null,
            SerializedCustomStatus = withPayloads ? record.CustomStatus : null,
            FailureDetails = record.FailureDetails,
            ParentInstanceId = record.ParentInstanceId,
        };

    internal TaskHubStorage Storage => storage;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            storage.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Instance ids are at most 256 characters without '/', '\\', '#', '?' or control characters (got '{instanceId}').", nameof(instanceId));
        }
    }

    private async Task StartExecutionAsync(string instanceId, string name, string? input, DateTimeOffset? startAt, CancellationToken cancellationToken)
    {
        var executionId = DeterministicIds.NewExecutionId();
        var now = storage.UtcNow;
        await storage.Instances.InsertOrUpdateAsync(instanceId, current =>
        {
            if (current?.ExecutionId == executionId)
            {
                return null; // Our own write, answered with an error and retried.
            }

            if (current is not null && !current.IsTerminal)
            {
                throw new OrchestrationAlreadyExistsException(instanceId, current.Status);
            }

            return new InstanceRecord
            {
                InstanceId = instanceId,
                Name = name,
                ExecutionId = executionId,
                Status = OrchestrationRuntimeStatus.Pending,
                Input = input,
                CreatedAt = now,
                LastUpdatedAt = now,
                ETag = current?.ETag ?? default,
            };
        }, cancellationToken).ConfigureAwait(false);

        var start = new ExecutionStartedEvent(name, instanceId, executionId, input) { Timestamp = now, ScheduledStartTime = startAt?.UtcDateTime };
        var delay = startAt is { } at && at > storage.Time.GetUtcNow() ? at - storage.Time.GetUtcNow() : (TimeSpan?)null;
        await storage.SendAsync(storage.Hub.ControlQueueOf(instanceId), new TaskMessage(instanceId, executionId, start), delay, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InstanceRecord> RequireRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await storage.Instances.GetAsync(instanceId, false, cancellationToken).ConfigureAwait(false) ?? throw new OrchestrationNotFoundException(instanceId);
        return record.IsTerminal ? throw new OrchestrationAlreadyCompletedException(instanceId, record.Status) : record;
    }

    private Task SendControlAsync(InstanceRecord record, HistoryEvent historyEvent, CancellationToken cancellationToken) =>
        storage.SendAsync(storage.Hub.ControlQueueOf(record.InstanceId), new TaskMessage(record.InstanceId, record.ExecutionId, historyEvent), null, cancellationToken);

    /// <summary>Pages through the Instances table with the query turned into an OData filter.</summary>
    private sealed class InstancePageable(AzureStorageDurableTaskClient client, OrchestrationQuery query) : AsyncPageable<OrchestrationMetadata>
    {
        public override async IAsyncEnumerable<Page<OrchestrationMetadata>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var table = client.Storage.Instances.Table;
            var pages = table.QueryAsync(BuildFilter(query), pageSizeHint ?? query.PageSize).AsPages(continuationToken ?? query.ContinuationToken, pageSizeHint ?? query.PageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                var items = new List<OrchestrationMetadata>(page.Values.Count);
                foreach (var entity in page.Values)
                {
                    var record = InstanceRecord.FromEntity(entity);
                    if (query.FetchInputsAndOutputs)
                    {
                        await client.Storage.Instances.ResolveAsync(record, CancellationToken).ConfigureAwait(false);
                    }

                    items.Add(client.ToMetadata(record, query.FetchInputsAndOutputs));
                }

                yield return Page<OrchestrationMetadata>.FromValues(items, page.ContinuationToken, page.GetRawResponse());
            }
        }

        private static string? BuildFilter(OrchestrationQuery query)
        {
            var clauses = new List<string> { "RowKey eq ''" };
            if (query.Statuses.Count > 0)
            {
                clauses.Add("(" + string.Join(" or ", query.Statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
            }

            if (query.CreatedFrom is { } from)
            {
                clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
            }

            if (query.CreatedTo is { } to)
            {
                clauses.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
            }

            if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
            {
                var prefix = query.InstanceIdPrefix;
                var upper = prefix[..^1] + (char)(prefix[^1] + 1);
                clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
            }

            return string.Join(" and ", clauses);
        }
    }
}
