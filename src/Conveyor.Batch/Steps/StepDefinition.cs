namespace Conveyor.Batch.Steps;

/// <summary>A step of a job, built by <c>StepBuilder</c>.</summary>
public abstract class StepDefinition
{
    private protected StepDefinition(string name) => Name = name;

    /// <summary>Gets the step name, unique within its job.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the step runs again on restart even if it completed. Default false.</summary>
    public bool AllowStartIfComplete { get; init; }

    /// <summary>
    /// Gets the most times this step may start within one job instance, counting its executions in every job execution of
    /// the instance (0 = unlimited, the default). A start beyond it fails the step with a <see cref="StartLimitExceededException"/>.
    /// </summary>
    /// <remarks>A step skipped on restart because it completed earlier does not start, so it does not count.</remarks>
    public int StartLimit { get; init; }

    /// <summary>Gets the partitioner, or null for a single partition.</summary>
    public IPartitioner? Partitioner { get; init; }

    /// <summary>Gets the most partitions run at once. Default 4.</summary>
    public int MaxParallelPartitions { get; init; } = 4;

    /// <summary>Gets the listeners, in registration order (see <see cref="IStepListener"/> for the order of calls).</summary>
    public IReadOnlyList<IStepListener> Listeners { get; init; } = [];

    internal IReadOnlyList<IChunkListener> ChunkListeners => field ??= [.. Listeners.OfType<IChunkListener>()];

    internal IReadOnlyList<IStepExecutionListener> StepExecutionListeners => field ??= [.. Listeners.OfType<IStepExecutionListener>()];

    /// <summary>Gets the most items the step may skip in all its partitions and restarts (none unless fault tolerant).</summary>
    internal virtual int SkipLimit => 0;

    /// <summary>Creates the runner of one partition.</summary>
    internal abstract IPartitionRunner CreateRunner(StepContext context);
}
