namespace Conveyor.Batch.Steps;

/// <summary>A step was asked to start more often within one job instance than its start limit allows; the step fails.</summary>
/// <remarks>Thrown (and recorded as the step's failure) when the step starts, before any of its work runs.</remarks>
public sealed class StartLimitExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StartLimitExceededException"/> class.</summary>
    /// <param name="stepName">The step.</param>
    /// <param name="startLimit">Its start limit.</param>
    /// <param name="starts">How often it started before in the job instance.</param>
    public StartLimitExceededException(string stepName, int startLimit, int starts)
        : base($"Maximum start limit exceeded for step '{stepName}': it started {starts} times in this job instance and its start limit is {startLimit}.")
    {
        StepName = stepName;
        StartLimit = startLimit;
    }

    /// <summary>Initializes a new instance of the <see cref="StartLimitExceededException"/> class.</summary>
    public StartLimitExceededException()
    {
        StepName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="StartLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    public StartLimitExceededException(string message)
        : base(message)
    {
        StepName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="StartLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StartLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        StepName = string.Empty;
    }

    /// <summary>Gets the step.</summary>
    public string StepName { get; }

    /// <summary>Gets the step's start limit.</summary>
    public int StartLimit { get; }
}
