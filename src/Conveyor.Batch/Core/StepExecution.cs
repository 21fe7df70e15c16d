namespace Conveyor.Batch.Core;

/// <summary>
/// The run of one step (or of one partition of a step) within a job execution: status and every count Spring Batch keeps.
/// </summary>
public sealed class StepExecution
{
    /// <summary>Gets the job execution id.</summary>
    public required string JobExecutionId { get; init; }

    /// <summary>Gets the step name (for a partition: <c>step:partitionN</c>).</summary>
    public required string StepName { get; init; }

    /// <summary>Gets or sets the status.</summary>
    public BatchStatus Status { get; set; } = BatchStatus.Starting;

    /// <summary>Gets or sets the exit status.</summary>
    public ExitStatus ExitStatus { get; set; } = ExitStatus.Executing;

    /// <summary>Gets or sets the number of items read.</summary>
    public long ReadCount { get; set; }

    /// <summary>Gets or sets the number of items written.</summary>
    public long WriteCount { get; set; }

    /// <summary>Gets or sets the number of items the processor filtered out.</summary>
    public long FilterCount { get; set; }

    /// <summary>Gets or sets the number of items skipped while reading.</summary>
    public long ReadSkipCount { get; set; }

    /// <summary>Gets or sets the number of items skipped while processing.</summary>
    public long ProcessSkipCount { get; set; }

    /// <summary>Gets or sets the number of items skipped while writing.</summary>
    public long WriteSkipCount { get; set; }

    /// <summary>Gets or sets the number of chunks committed.</summary>
    public long CommitCount { get; set; }

    /// <summary>Gets or sets the number of chunks rolled back.</summary>
    public long RollbackCount { get; set; }

    /// <summary>Gets or sets the input bytes consumed up to the last commit (for progress), from readers that report it (<see cref="Item.IItemReaderProgress"/>).</summary>
    public long BytesRead { get; set; }

    /// <summary>Gets or sets the input bytes in total, when known (for progress).</summary>
    public long? BytesTotal { get; set; }

    /// <summary>Gets how far through its input the step is, from 0 to 1, or null when the input's size is unknown.</summary>
    /// <remarks>A completed step and an empty input count as fully read (1).</remarks>
    public double? Progress => Status == BatchStatus.Completed ? 1 : BytesTotal switch
    {
        null => null,
        <= 0 => 1,
        { } total => Math.Clamp((double)BytesRead / total, 0, 1),
    };

    /// <summary>Gets a value indicating whether the step is starting, running or stopping.</summary>
    public bool IsRunning => Status is BatchStatus.Starting or BatchStatus.Started or BatchStatus.Stopping;

    /// <summary>Gets or sets when it started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Gets or sets when it was last updated.</summary>
    public DateTimeOffset LastUpdatedAt { get; set; }

    /// <summary>Gets the failure messages.</summary>
    public List<string> Failures { get; init; } = [];

    /// <summary>Gets or sets the worker process that last ran it (<c>machine:pid</c>); null for a step that is not run by partitions itself.</summary>
    public string? Worker { get; set; }

    /// <summary>Gets or sets the saved state (reader position, writer state) as JSON; see <see cref="Item.ExecutionContext"/>.</summary>
    public string? ExecutionContextJson { get; set; }

    /// <summary>Gets or sets the concurrency tag of the stored row (ETag); set by the repository.</summary>
    public string? Version { get; set; }

    /// <summary>Gets the total number of skips.</summary>
    public long SkipCount => ReadSkipCount + ProcessSkipCount + WriteSkipCount;

    /// <summary>
    /// Sets the counts, <see cref="BytesRead"/> and <see cref="BytesTotal"/> of a step's own execution to the sums over
    /// its partitions' executions.
    /// </summary>
    /// <param name="partitions">The step's partition executions (<c>step:partitionN</c>).</param>
    /// <remarks>The total stays unknown (null) while any partition's is: it has not committed a chunk yet, or its reader does not report a size.</remarks>
    public void SumPartitions(IReadOnlyCollection<StepExecution> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ReadCount = partitions.Sum(p => p.ReadCount);
        WriteCount = partitions.Sum(p => p.WriteCount);
        FilterCount = partitions.Sum(p => p.FilterCount);
        ReadSkipCount = partitions.Sum(p => p.ReadSkipCount);
        ProcessSkipCount = partitions.Sum(p => p.ProcessSkipCount);
        WriteSkipCount = partitions.Sum(p => p.WriteSkipCount);
        CommitCount = partitions.Sum(p => p.CommitCount);
        RollbackCount = partitions.Sum(p => p.RollbackCount);
        BytesRead = partitions.Sum(p => p.BytesRead);
        BytesTotal = partitions.All(p => p.BytesTotal is not null) ? partitions.Sum(p => p.BytesTotal!.Value) : null;
    }

    /// <summary>
    /// Returns the step as a status display shows it: this execution once the step has ended (its row then holds the
    /// totals), and while it runs a copy with its partitions' counts and progress summed (its own row has none yet).
    /// </summary>
    /// <param name="partitions">The step's partition executions as stored now.</param>
    /// <returns>The execution to show.</returns>
    public StepExecution WithPartitionTotals(IReadOnlyCollection<StepExecution> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (!IsRunning || partitions.Count == 0)
        {
            return this;
        }

        var live = (StepExecution)MemberwiseClone();
        live.SumPartitions(partitions);
        return live;
    }
}
