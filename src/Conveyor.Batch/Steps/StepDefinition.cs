namespace Conveyor.Batch.Steps;

/// <summary>A step of a job, built by <c>StepBuilder</c>.</summary>
public abstract class StepDefinition
{
    private protected StepDefinition(string name) => Name = name;

    /// <summary>Gets the step name, unique within its job.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the step runs again on restart even if it completed. Default false.</summary>
    public bool AllowStartIfComplete { get; init; }

    /// <summary>Gets the most executions of this step within one job instance (0 = unlimited).</summary>
    public int StartLimit { get; init; }

    /// <summary>Gets the partitioner, or null for a single partition.</summary>
    public IPartitioner? Partitioner { get; init; }

    /// <summary>Gets the most partitions run at once. Default 4.</summary>
    public int MaxParallelPartitions { get; init; } = 4;

    /// <summary>Creates the runner of one partition.</summary>
    internal abstract IPartitionRunner CreateRunner(StepContext context);
}
