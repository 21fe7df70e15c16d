namespace Conveyor.Batch.Jobs;

/// <summary>The next instance of a job was asked for, but the job has no incrementer (<see cref="JobBuilder.Incrementer"/>).</summary>
public sealed class JobParametersIncrementerNotFoundException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobParametersIncrementerNotFoundException"/> class.</summary>
    /// <param name="jobName">The job.</param>
    public JobParametersIncrementerNotFoundException(string jobName)
        : base($"Job '{jobName}' has no parameters incrementer, so it has no next instance; build it with JobBuilder.Incrementer.")
    {
        JobName = jobName;
    }

    /// <summary>Initializes a new instance of the <see cref="JobParametersIncrementerNotFoundException"/> class.</summary>
    public JobParametersIncrementerNotFoundException()
    {
        JobName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="JobParametersIncrementerNotFoundException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobParametersIncrementerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobName = string.Empty;
    }

    /// <summary>Gets the job.</summary>
    public string JobName { get; }
}
