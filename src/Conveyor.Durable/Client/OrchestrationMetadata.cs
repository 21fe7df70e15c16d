namespace Conveyor.Durable;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed class OrchestrationMetadata
{
    private readonly DataConverter _converter;

    internal OrchestrationMetadata(string name, string instanceId, DataConverter converter)
    {
        Name = name;
        InstanceId = instanceId;
        _converter = converter;
    }

    /// <summary>Gets the orchestrator name.</summary>
    public string Name { get; }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the instance was (last) scheduled.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when its state last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Gets the serialized input (only when inputs and outputs were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Gets the serialized output (only when inputs and outputs were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Gets the serialized custom status.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Gets the failure, when the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the id of the parent instance, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Gets a value indicating whether the instance is pending, running or suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
        or OrchestrationRuntimeStatus.ContinuedAsNew;

    /// <summary>Gets a value indicating whether the instance has finished (completed, failed or terminated).</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>Deserializes the input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <returns>The input.</returns>
    public T? ReadInputAs<T>() => _converter.Deserialize<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <returns>The output.</returns>
    public T? ReadOutputAs<T>() => _converter.Deserialize<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    /// <typeparam name="T">The status type.</typeparam>
    /// <returns>The custom status.</returns>
    public T? ReadCustomStatusAs<T>() => _converter.Deserialize<T>(SerializedCustomStatus);
}
