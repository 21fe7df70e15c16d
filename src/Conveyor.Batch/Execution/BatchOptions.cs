namespace Conveyor.Batch.Execution;

/// <summary>Settings of the batch engine.</summary>
public sealed class BatchOptions
{
    /// <summary>
    /// Gets or sets how long one execute-partition activity works before it returns and is scheduled again from its
    /// checkpoint, so no activity outlives an Azure Functions time limit. Default 4 minutes.
    /// </summary>
    public TimeSpan PartitionTimeBudget { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Gets or sets how often a partition checkpoints: makes the output of the chunks written since the last checkpoint
    /// durable (a blob writer commits its block list), then saves the step execution (counts, reader and writer
    /// positions), then checks for a stop request. Default 1 second; <see cref="TimeSpan.Zero"/> checkpoints after
    /// every chunk, as Spring Batch commits every chunk.
    /// </summary>
    /// <remarks>
    /// A partition also checkpoints when it completes, when its time budget is spent, and when a chunk fails before
    /// writing anything (so a restart resumes right after the last chunk written). After a crash, a restart resumes
    /// after the last checkpoint: the chunks after it are read and written again, and writers that name their output by
    /// chunk sequence (like the blob writer's deterministic block ids) replace what those chunks had written, so every
    /// item is still written exactly once. Longer intervals mean fewer storage round trips per item but more work
    /// repeated after a crash, and a stop request is noticed at the next checkpoint.
    /// </remarks>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how many runs of a partition's activity in a row may end without reaching a checkpoint before the
    /// partition fails with a <see cref="PartitionAttemptsExceededException"/>. Default 3.
    /// </summary>
    /// <remarks>
    /// A run that never reaches a checkpoint died with its process (an item that crashes the worker, memory exhausted).
    /// The Durable Task engine delivers such an activity again and again without limit; this bound ends the step
    /// FAILED with the reason instead. Any checkpoint resets the count, so a partition that keeps making progress
    /// between crashes is never failed for them.
    /// </remarks>
    public int MaxPartitionAttempts { get; set; } = 3;
}
