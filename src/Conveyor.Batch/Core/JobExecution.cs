namespace Conveyor.Batch.Core;

/// <summary>One attempt to run a job instance: its status, times, parameters and failures.</summary>
public sealed class JobExecution
{
    /// <summary>Gets the execution id (unique; also the id of the orchestration that runs it).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Gets the job instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the job name.</summary>
    public required string JobName { get; init; }

    /// <summary>Gets the parameters.</summary>
    public required JobParameters Parameters { get; init; }

    /// <summary>Gets or sets the status.</summary>
    public BatchStatus Status { get; set; } = BatchStatus.Starting;

    /// <summary>Gets or sets the exit status.</summary>
    public ExitStatus ExitStatus { get; set; } = ExitStatus.Unknown;

    /// <summary>Gets or sets when it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when it started running.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Gets or sets when it was last updated (also a liveness signal for recovery).</summary>
    public DateTimeOffset LastUpdatedAt { get; set; }

    /// <summary>Gets the failure messages collected during the run.</summary>
    public List<string> Failures { get; init; } = [];

    /// <summary>Gets or sets the id of the execution this one restarted, if any.</summary>
    public string? RestartOf { get; set; }

    /// <summary>
    /// Gets or sets the job's saved state as JSON (see <see cref="Item.ExecutionContext"/>): the point a stop-and-restart
    /// resumes at, the last decisions of the flow's deciders, and whatever job listeners put there.
    /// </summary>
    public string? ExecutionContextJson { get; set; }

    /// <summary>Gets or sets the concurrency tag of the stored row (ETag); set by the repository.</summary>
    public string? Version { get; set; }

    /// <summary>Gets a value indicating whether the execution is still active (starting, started or stopping).</summary>
    public bool IsRunning => Status is BatchStatus.Starting or BatchStatus.Started or BatchStatus.Stopping;
}
