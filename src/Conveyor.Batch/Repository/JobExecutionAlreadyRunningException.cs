namespace Conveyor.Batch.Repository;

/// <summary>An execution of the job instance is already running.</summary>
public sealed class JobExecutionAlreadyRunningException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobExecutionAlreadyRunningException"/> class.</summary>
    public JobExecutionAlreadyRunningException()
        : base("An execution of the job instance is already running.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionAlreadyRunningException"/> class.</summary>
    /// <param name="message">The message, naming the instance or execution.</param>
    public JobExecutionAlreadyRunningException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionAlreadyRunningException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobExecutionAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
