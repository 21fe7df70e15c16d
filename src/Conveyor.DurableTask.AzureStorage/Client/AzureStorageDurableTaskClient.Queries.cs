using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Reads and purges: instance state, paged queries and purges, straight from the engine's tracking store.</summary>
internal sealed partial class AzureStorageDurableTaskClient
{
    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
        var states = await engine.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs)
            .WaitAsync(cancellation).ConfigureAwait(false);
        var state = states?.FirstOrDefault();
        if (state is null)
        {
            return null;
        }

        var failure = state.OrchestrationStatus == OrchestrationStatus.Failed
            ? await FailureDetailsReader.ReadAsync(engine, instanceId, state.OrchestrationInstance.ExecutionId, state.Output, cancellation).ConfigureAwait(false)
            : null;
        return OrchestrationStateMapping.ToMetadata(state, getInputsAndOutputs, DataConverter, failure);
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var engine = await EngineAsync(cancellation).ConfigureAwait(false);
            var query = new CoreQuery
            {
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                RuntimeStatus = filter?.Statuses?.Select(OrchestrationStateMapping.ToCore).ToList(),
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await engine.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            var items = result.OrchestrationState
                .Select(s => OrchestrationStateMapping.ToMetadata(s, query.FetchInputsAndOutputs, DataConverter))
                .ToList();
            return new Page<OrchestrationMetadata>(items, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });

    /// <inheritdoc/>
    /// <remarks>
    /// Deletes a finished instance's row, history and large-payload blobs; an instance that is pending, running or
    /// suspended is kept (the engine would delete it). <see cref="PurgeInstanceOptions.Recursive"/> is ignored.
    /// </remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
        var states = await engine.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false).WaitAsync(cancellation).ConfigureAwait(false);
        if (states?.FirstOrDefault() is not { } state || !IsFinished(state.OrchestrationStatus))
        {
            return new PurgeResult(0);
        }

        var result = await ((IOrchestrationServicePurgeClient)engine).PurgeInstanceStateAsync(instanceId).WaitAsync(cancellation).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    /// <remarks>Purges only finished instances unless <see cref="PurgeInstancesFilter.Statuses"/> names others.</remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
        var statuses = filter.Statuses?.Select(OrchestrationStateMapping.ToCore).ToList()
            ?? [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated];
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses)
        {
            Timeout = filter.Timeout,
        };
        var result = await ((IOrchestrationServicePurgeClient)engine).PurgeInstanceStateAsync(coreFilter).WaitAsync(cancellation).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete);
    }

    private static bool IsFinished(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
