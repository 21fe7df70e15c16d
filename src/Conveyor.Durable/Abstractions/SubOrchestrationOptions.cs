namespace Conveyor.Durable;

/// <summary>Options for starting a sub-orchestration: its instance id and retry policy.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    /// <summary>Initializes a new instance of the <see cref="SubOrchestrationOptions"/> class.</summary>
    /// <param name="instanceId">The child's instance id; <see langword="null"/> for a deterministic new one.</param>
    /// <param name="retry">The retry policy.</param>
    public SubOrchestrationOptions(string? instanceId = null, RetryPolicy? retry = null)
        : base(retry) => InstanceId = instanceId;

    /// <summary>Gets the child's instance id.</summary>
    public string? InstanceId { get; init; }
}
