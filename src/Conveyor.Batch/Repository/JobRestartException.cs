namespace Conveyor.Batch.Repository;

/// <summary>The job execution cannot be restarted.</summary>
public sealed class JobRestartException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobRestartException"/> class.</summary>
    public JobRestartException()
        : base("The job execution cannot be restarted.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobRestartException"/> class.</summary>
    /// <param name="message">The message, naming the instance or execution.</param>
    public JobRestartException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobRestartException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobRestartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
