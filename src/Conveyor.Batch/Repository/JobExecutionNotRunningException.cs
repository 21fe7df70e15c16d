namespace Conveyor.Batch.Repository;

/// <summary>The job execution is not running.</summary>
public sealed class JobExecutionNotRunningException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotRunningException"/> class.</summary>
    public JobExecutionNotRunningException()
        : base("The job execution is not running.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotRunningException"/> class.</summary>
    /// <param name="message">The message, naming the execution.</param>
    public JobExecutionNotRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotRunningException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobExecutionNotRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
