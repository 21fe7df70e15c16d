namespace Conveyor.Batch.Repository;

/// <summary>No job execution has the given id.</summary>
public sealed class JobExecutionNotFoundException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotFoundException"/> class.</summary>
    public JobExecutionNotFoundException()
        : base("No job execution has the given id.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotFoundException"/> class.</summary>
    /// <param name="message">The message, naming the execution.</param>
    public JobExecutionNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobExecutionNotFoundException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobExecutionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
