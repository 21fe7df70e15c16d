namespace Conveyor.Durable;

/// <summary>The instance has finished (completed, failed or terminated), so it takes no more events or requests.</summary>
public sealed class OrchestrationAlreadyCompletedException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyCompletedException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">Its final status.</param>
    public OrchestrationAlreadyCompletedException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"The orchestration instance '{instanceId}' has already finished ({status}).")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyCompletedException"/> class.</summary>
    public OrchestrationAlreadyCompletedException()
    {
        InstanceId = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyCompletedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public OrchestrationAlreadyCompletedException(string message)
        : base(message)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyCompletedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestrationAlreadyCompletedException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the final status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
