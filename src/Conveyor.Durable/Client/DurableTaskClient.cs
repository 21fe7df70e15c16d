using Azure;
using Conveyor.Durable.TaskHub;

namespace Conveyor.Durable;

/// <summary>
/// Schedules, queries and controls orchestration instances of a task hub. Names mirror Microsoft.DurableTask's client.
/// </summary>
/// <remarks>Create one with <see cref="Create"/>. All operations are safe to call from many threads.</remarks>
public abstract class DurableTaskClient : IDisposable
{
    /// <summary>Creates a client for a task hub on Azure Storage.</summary>
    /// <param name="options">The task hub.</param>
    /// <param name="timeProvider">The clock; optional.</param>
    /// <returns>The client.</returns>
    public static DurableTaskClient Create(TaskHubOptions options, TimeProvider? timeProvider = null) =>
        new AzureStorageDurableTaskClient(new TaskHubStorage(options, timeProvider ?? TimeProvider.System));

    /// <summary>Creates the hub's tables, queues and containers if they are missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task CreateTaskHubIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules a new instance.</summary>
    /// <param name="orchestratorName">The orchestrator's registered name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Instance id and start time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id is pending, running or suspended.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Returns an instance's state, or null when it does not exist.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to include input, output and custom status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or null.</returns>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Returns the history of an instance's current execution, oldest event first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public abstract Task<IReadOnlyList<OrchestrationHistoryEvent>> GetInstanceHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances matching a query, a page at a time.</summary>
    /// <param name="query">The filter; all instances when null.</param>
    /// <returns>The instances.</returns>
    public abstract AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null);

    /// <summary>Sends an event to a running instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="eventPayload">The payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationAlreadyCompletedException">The instance has finished.</exception>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Terminates an instance; its output becomes <paramref name="output"/>. A finished instance is left as it is.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="output">The reason or output to record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends an instance: events are held until it is resumed.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's state, history and payloads.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>1 purged, or 0 when it does not exist or has not finished.</returns>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Purges every finished instance matching a query (its statuses are narrowed to finished ones).</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were purged.</returns>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Starts a finished instance again with its original input.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="restartWithNewInstanceId">Whether to start it under a new id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id of the restarted instance.</returns>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationAlreadyExistsException">It is still running (and the same id was asked for).</exception>
    public abstract Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default);

    /// <summary>Waits until an instance has finished, polling its state: every 20 ms at first, backing off to every 250 ms.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to include input and output.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final state.</returns>
    public virtual async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var state = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new OrchestrationNotFoundException(instanceId);
            if (state.IsCompleted)
            {
                return state;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 250));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
