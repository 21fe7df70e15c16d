namespace Conveyor.Durable;

/// <summary>No orchestration instance has the given id.</summary>
public sealed class OrchestrationNotFoundException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="OrchestrationNotFoundException"/> class.</summary>
    /// <param name="instanceId">The instance id.</param>
    public OrchestrationNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists.")
    {
        InstanceId = instanceId;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationNotFoundException"/> class.</summary>
    public OrchestrationNotFoundException()
    {
        InstanceId = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OrchestrationNotFoundException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OrchestrationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = string.Empty;
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }
}
