namespace Conveyor.Batch.Jobs;

/// <summary>No job with the requested name is registered.</summary>
public sealed class NoSuchJobException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="NoSuchJobException"/> class.</summary>
    /// <param name="jobName">The name asked for.</param>
    public NoSuchJobException(string jobName)
        : base($"No job named '{jobName}' is registered.")
    {
        JobName = jobName;
    }

    /// <summary>Initializes a new instance of the <see cref="NoSuchJobException"/> class.</summary>
    public NoSuchJobException()
    {
        JobName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="NoSuchJobException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NoSuchJobException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobName = string.Empty;
    }

    /// <summary>Gets the name asked for.</summary>
    public string JobName { get; }
}
