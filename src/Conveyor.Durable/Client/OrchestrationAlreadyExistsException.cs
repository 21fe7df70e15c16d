namespace Conveyor.Durable;

/// <summary>An instance with the requested id is pending, running or suspended, so it cannot be scheduled again.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyExistsException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">Its current status.</param>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration instance with id '{instanceId}' already exists and is {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyExistsException"/> class.</summary>
    public OrchestrationAlreadyExistsException()
    {
        InstanceId = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyExistsException"/> class.</summary>
    /// <param name="message">The message.</param>
    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationAlreadyExistsException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the instance's status when the request was refused.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
