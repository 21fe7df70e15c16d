using Conveyor.Batch.Core;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Steps;

/// <summary>Runs one partition of a step in committed units (chunks, or tasklet iterations).</summary>
internal interface IPartitionRunner : IAsyncDisposable
{
    /// <summary>Opens readers and writers with the saved state.</summary>
    Task OpenAsync(ExecutionContext state, CancellationToken cancellationToken);

    /// <summary>Processes one unit; returns false when the input is exhausted (the partition is done).</summary>
    /// <param name="execution">The counts to update.</param>
    /// <param name="skips">Receives the items skipped in this unit.</param>
    /// <param name="skippedElsewhere">The step's skips outside this partition (other partitions, earlier executions), as last known; they count toward the skip limit.</param>
    /// <param name="cancellationToken">Cancels the unit.</param>
    Task<bool> RunUnitAsync(StepExecution execution, List<SkippedItem> skips, long skippedElsewhere, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the output of the units run since the last commit durable and writes the reader and writer positions after
    /// the last unit that succeeded into <paramref name="state"/>.
    /// </summary>
    Task CommitAsync(ExecutionContext state, StepExecution execution, CancellationToken cancellationToken);

    /// <summary>
    /// Gets a value indicating whether, after <see cref="RunUnitAsync"/> threw, the units before it can still be
    /// committed: the failed unit wrote nothing. Defaults to false (a failed unit fails from the last commit).
    /// </summary>
    bool CanCommitAfterFailure => false;

    /// <summary>
    /// Gets a value indicating whether every unit is its own transaction, checkpointed before the next one starts
    /// (tasklet iterations, as in Spring Batch), whatever the checkpoint interval. Defaults to false.
    /// </summary>
    bool CheckpointsEveryUnit => false;

    /// <summary>Finishes the output (the partition completed).</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
