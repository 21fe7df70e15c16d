using Microsoft.Extensions.Logging;

namespace Conveyor.Durable;

/// <summary>
/// What orchestrator code uses to schedule work: activities, sub-orchestrations, timers, external events.
/// </summary>
/// <remarks>
/// <para>
/// Orchestrator code is replayed from history every time the instance makes progress, so it must be
/// deterministic: use <see cref="CurrentUtcDateTime"/> and <see cref="NewGuid"/> instead of the clock and
/// <see cref="Guid.NewGuid"/>; do no I/O directly (call an activity); await only tasks this context returns (and
/// <see cref="Task.WhenAll(Task[])"/>/<see cref="Task.WhenAny(Task[])"/> of them); never use
/// <c>ConfigureAwait(false)</c>. A replay that schedules different work than the history records fails the instance
/// with a <see cref="NonDeterministicOrchestrationException"/>.
/// </para>
/// <para>Activities run at least once: design them to be idempotent.</para>
/// </remarks>
public abstract class TaskOrchestrationContext
{
    /// <summary>Gets the orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the replay-safe current time: the time the current episode started, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets a value indicating whether the code is being replayed from history (its effects already happened).</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Gets the orchestration's input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <returns>The input.</returns>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity's registered name.</param>
    /// <param name="input">The input, serialized with the worker's <see cref="DataConverter"/>.</param>
    /// <param name="options">Retry options.</param>
    /// <returns>The activity's result.</returns>
    /// <exception cref="TaskFailedException">The activity failed (after all retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity and waits for it to finish.</summary>
    /// <param name="name">The activity's registered name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry options.</param>
    /// <returns>A task that completes when the activity does.</returns>
    public virtual Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="orchestratorName">The orchestrator's registered name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Instance id and retry options.</param>
    /// <returns>The sub-orchestration's output.</returns>
    /// <exception cref="TaskFailedException">The sub-orchestration failed.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration and waits for it to finish.</summary>
    /// <param name="orchestratorName">The orchestrator's registered name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Instance id and retry options.</param>
    /// <returns>A task that completes when the sub-orchestration does.</returns>
    public virtual Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Creates a durable timer that fires at the given time.</summary>
    /// <param name="fireAt">When to fire (UTC).</param>
    /// <param name="cancellationToken">Cancels the wait (the timer task then completes as canceled).</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Creates a durable timer that fires after a delay from <see cref="CurrentUtcDateTime"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the timer fires.</returns>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event raised with <c>RaiseEventAsync</c>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The payload.</returns>
    /// <remarks>Events raised before anyone waits are buffered and delivered in order.</remarks>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event, or fails with <see cref="TimeoutException"/> after a durable timeout.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="eventName">The event name.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="TimeoutException">The event did not arrive in time.</exception>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(eventName, cancel.Token);
        var timerTask = CreateTimer(timeout, cancel.Token);
        var winner = await Task.WhenAny(eventTask, timerTask).ConfigureAwait(true);
        // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the replay.
        cancel.Cancel();
        if (winner == eventTask)
        {
            return await eventTask.ConfigureAwait(true);
        }

        throw new TimeoutException($"Event '{eventName}' was not received within {timeout}.");
    }

    /// <summary>Sends an event to another orchestration instance (fire and forget, durable).</summary>
    /// <param name="instanceId">The target instance.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="payload">The payload.</param>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets a status value readable by clients while the orchestration runs.</summary>
    /// <param name="customStatus">A serializable value (kept small: it is stored in the instance table).</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and restarts the orchestration with new input and a fresh history.</summary>
    /// <param name="newInput">The new input.</param>
    /// <param name="preserveUnprocessedEvents">Carry external events not yet consumed into the new execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Returns a GUID that is the same on every replay (name-based, from instance id, time and a counter).</summary>
    /// <returns>The GUID.</returns>
    public abstract Guid NewGuid();

    /// <summary>Creates a logger that writes only when the code is not replaying.</summary>
    /// <param name="categoryName">The log category.</param>
    /// <returns>The logger.</returns>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
