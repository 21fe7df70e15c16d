namespace Conveyor.Batch.Repository;

/// <summary>The job instance already completed; change an identifying parameter to run it again.</summary>
public sealed class JobInstanceAlreadyCompleteException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobInstanceAlreadyCompleteException"/> class.</summary>
    public JobInstanceAlreadyCompleteException()
        : base("The job instance already completed; change an identifying parameter to run it again.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobInstanceAlreadyCompleteException"/> class.</summary>
    /// <param name="message">The message, naming the instance or execution.</param>
    public JobInstanceAlreadyCompleteException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobInstanceAlreadyCompleteException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobInstanceAlreadyCompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
