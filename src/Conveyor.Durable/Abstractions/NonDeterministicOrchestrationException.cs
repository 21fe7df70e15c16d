namespace Conveyor.Durable;

/// <summary>
/// The orchestrator took different actions on replay than its history records (code changed under a running
/// instance, or it used the clock, random numbers or I/O directly). The instance fails with this message.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NonDeterministicOrchestrationException"/> class.</summary>
    /// <param name="message">What the history recorded and what the code did instead.</param>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NonDeterministicOrchestrationException"/> class.</summary>
    public NonDeterministicOrchestrationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NonDeterministicOrchestrationException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
