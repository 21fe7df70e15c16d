namespace Conveyor.Cli.Remote;

/// <summary>A step (or one partition of it) of an <see cref="ExecutionReport"/>.</summary>
internal sealed class StepReport
{
    /// <summary>Gets the step name (for a partition: <c>step:partitionN</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the status.</summary>
    public string Status { get; init; } = "UNKNOWN";

    /// <summary>Gets the exit code.</summary>
    public string? ExitCode { get; init; }

    /// <summary>Gets the exit description.</summary>
    public string? ExitDescription { get; init; }

    /// <summary>Gets the number of items read.</summary>
    public long ReadCount { get; init; }

    /// <summary>Gets the number of items written.</summary>
    public long WriteCount { get; init; }

    /// <summary>Gets the number of items filtered out.</summary>
    public long FilterCount { get; init; }

    /// <summary>Gets the number of items skipped while reading.</summary>
    public long ReadSkipCount { get; init; }

    /// <summary>Gets the number of items skipped while processing.</summary>
    public long ProcessSkipCount { get; init; }

    /// <summary>Gets the number of items skipped while writing.</summary>
    public long WriteSkipCount { get; init; }

    /// <summary>Gets the number of chunks committed.</summary>
    public long CommitCount { get; init; }

    /// <summary>Gets the number of chunks rolled back.</summary>
    public long RollbackCount { get; init; }

    /// <summary>Gets the fraction of the input done (0 to 1), when the reader knows it.</summary>
    public double? Progress { get; init; }

    /// <summary>Gets when it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets its partitions (empty when the app does not list them).</summary>
    public List<StepReport> Partitions { get; init => field = value ?? []; } = [];

    /// <summary>Gets the total number of skipped items.</summary>
    public long SkipCount => ReadSkipCount + ProcessSkipCount + WriteSkipCount;

    /// <summary>Gets a value indicating whether the step is still active.</summary>
    public bool IsRunning => BatchStatuses.IsRunning(Status);
}
