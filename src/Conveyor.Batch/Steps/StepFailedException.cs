namespace Conveyor.Batch.Steps;

/// <summary>A step failed on an error it may not skip; the message says where (phase, line) and why.</summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StepFailedException"/> class.</summary>
    public StepFailedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StepFailedException"/> class.</summary>
    /// <param name="message">Where and why.</param>
    public StepFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StepFailedException"/> class.</summary>
    /// <param name="message">Where and why.</param>
    /// <param name="innerException">The cause.</param>
    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
