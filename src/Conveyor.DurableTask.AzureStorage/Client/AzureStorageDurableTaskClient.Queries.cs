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
        return state is null ? null : OrchestrationStateMapping.ToMetadata(state, getInputsAndOutputs, DataConverter);
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
    /// <remarks>Deletes the instance's row, history and large-payload blobs. <see cref="PurgeInstanceOptions.Recursive"/> is not supported by the engine and is ignored.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
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
}
