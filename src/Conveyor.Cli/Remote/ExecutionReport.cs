namespace Conveyor.Cli.Remote;

/// <summary>A job execution as the app's <c>GET /api/executions/{id}</c> shows it (and as <c>run</c> builds it from the JobRepository).</summary>
internal sealed class ExecutionReport
{
    /// <summary>Gets the execution id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the job instance id.</summary>
    public string? JobInstanceId { get; init; }

    /// <summary>Gets the job name.</summary>
    public string? JobName { get; init; }

    /// <summary>Gets the status: STARTING, STARTED, STOPPING, STOPPED, COMPLETED, FAILED, ABANDONED or UNKNOWN.</summary>
    public string Status { get; init; } = "UNKNOWN";

    /// <summary>Gets the exit code.</summary>
    public string? ExitCode { get; init; }

    /// <summary>Gets the exit description.</summary>
    public string? ExitDescription { get; init; }

    /// <summary>Gets the parameters by name.</summary>
    public Dictionary<string, ParameterReport>? Parameters { get; init; }

    /// <summary>Gets when it was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the id of the execution this one restarted, if any.</summary>
    public string? RestartOf { get; init; }

    /// <summary>Gets the steps, first one first (empty in listings).</summary>
    public List<StepReport> Steps { get; init => field = value ?? []; } = [];

    /// <summary>Gets the failure messages.</summary>
    public List<string> Failures { get; init => field = value ?? []; } = [];

    /// <summary>Gets the total number of skipped items (null in listings, which carry no steps).</summary>
    public long? SkipCount { get; init; }

    /// <summary>Gets a value indicating whether the execution is still active (STARTING, STARTED or STOPPING).</summary>
    public bool IsRunning => BatchStatuses.IsRunning(Status);

    /// <summary>Gets a value indicating whether it COMPLETED.</summary>
    public bool IsCompleted => string.Equals(Status, "COMPLETED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the exit code of <c>conveyor</c> for this execution once it has ended: 0 when COMPLETED, 1 otherwise.</summary>
    public int ProcessExitCode => IsCompleted ? ExitCodes.Ok : ExitCodes.JobNotCompleted;
}
