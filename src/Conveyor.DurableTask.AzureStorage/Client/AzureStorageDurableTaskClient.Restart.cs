using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Restart and history: the operations that read an instance's start event or events back from the engine.</summary>
internal sealed partial class AzureStorageDurableTaskClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Schedules the instance's orchestrator again with its original input, version and tags, as the SDK's in-process
    /// client does: under a new id when <paramref name="restartWithNewInstanceId"/> is true, whatever state the instance
    /// is in; under the same id only once it has finished (completed, failed or terminated), otherwise an
    /// <see cref="OrchestrationAlreadyExistsException"/> (an <see cref="InvalidOperationException"/>) is thrown and
    /// nothing is scheduled. An unknown id throws <see cref="ArgumentException"/>.
    /// </remarks>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await ExistingStateAsync(instanceId, fetchInput: true, cancellation).ConfigureAwait(false);
        if (!restartWithNewInstanceId && !IsFinished(state.OrchestrationStatus))
        {
            throw new OrchestrationAlreadyExistsException(
                $"The orchestration instance '{instanceId}' is {state.OrchestrationStatus}; it can be restarted under the same id only once it has finished.");
        }

        // The input is passed on as stored: serializing it again would wrap it in a JSON string.
        var started = new ExecutionStartedEvent(-1, state.Input)
        {
            Name = state.Name,
            Version = state.Version ?? string.Empty,
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
        };
        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        return await ScheduleAsync(newId, started, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The events of the instance's latest execution, oldest first, as the engine stored them. Payloads are the
    /// serialized text the data converter wrote; large payloads the engine kept in blobs are read back. An unknown id
    /// throws <see cref="ArgumentException"/>.
    /// </remarks>
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await ExistingStateAsync(instanceId, fetchInput: false, cancellation).ConfigureAwait(false);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
        var json = await engine.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).WaitAsync(cancellation).ConfigureAwait(false);
        return HistoryEventReader.Read(json);
    }

    // The SDK's contract for an id with no instance: ArgumentException.
    private async Task<OrchestrationState> ExistingStateAsync(string instanceId, bool fetchInput, CancellationToken cancellationToken)
    {
        var engine = await EngineAsync(cancellationToken).ConfigureAwait(false);
        var states = await engine.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput).WaitAsync(cancellationToken).ConfigureAwait(false);
        return states?.FirstOrDefault()
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId));
    }
}
