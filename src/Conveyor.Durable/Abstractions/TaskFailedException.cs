namespace Conveyor.Durable;

/// <summary>
/// Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.
/// </summary>
/// <remarks>The original exception does not cross the process boundary; <see cref="FailureDetails"/> carries its type, message and stack.</remarks>
public sealed class TaskFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TaskFailedException"/> class.</summary>
    /// <param name="taskName">The activity or orchestrator name.</param>
    /// <param name="taskId">The task's sequence number in the orchestration.</param>
    /// <param name="failureDetails">What went wrong.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Initializes a new instance of the <see cref="TaskFailedException"/> class.</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown", null))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TaskFailedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("unknown", message, null))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TaskFailedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Gets the name of the failed activity or orchestrator.</summary>
    public string TaskName { get; }

    /// <summary>Gets the task's sequence number within the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>Gets what went wrong.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
