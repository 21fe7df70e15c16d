namespace Conveyor.Durable;

/// <summary>What an activity knows about its invocation.</summary>
/// <remarks>Activities run at least once: a crash after the work but before the result is recorded runs it again.</remarks>
public abstract class TaskActivityContext
{
    /// <summary>Gets the activity's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the id of the orchestration instance that scheduled it.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the activity's task id within that orchestration (stable across retries of the same message).</summary>
    public abstract int TaskId { get; }

    /// <summary>Gets how many times this work item has been delivered (1 the first time).</summary>
    public abstract int DequeueCount { get; }

    /// <summary>Gets a token that is canceled when the worker shuts down; stop at a safe point and throw.</summary>
    public abstract CancellationToken CancellationToken { get; }
}
