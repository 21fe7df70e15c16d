namespace Conveyor.Batch.Steps;

/// <summary>The work of a tasklet step: called repeatedly, each call a committed unit, until it returns <see cref="RepeatStatus.Finished"/>.</summary>
/// <remarks>
/// <para>Each call is followed by a commit: the counts added to the <see cref="StepContribution"/> and whatever the call
/// put in <see cref="ChunkContext.ExecutionContext"/> are saved together with the iteration number. A restart (after a
/// failure, a stop or a crash) calls again from the last committed iteration with that execution context; a call that
/// was not committed is repeated, so make each call's effects idempotent or record them in the execution context.</para>
/// <para>Between calls the step checks for a stop request and for the partition time budget, as a chunk step does
/// between chunks. A tasklet that also implements <see cref="Item.IItemStream"/> is opened, updated before each commit
/// and closed like a reader.</para>
/// </remarks>
public interface ITasklet
{
    /// <summary>Does one unit of work.</summary>
    /// <param name="contribution">Where the call adds its counts (read, written, filtered).</param>
    /// <param name="chunkContext">The step, the partition, the saved state and the iteration number.</param>
    /// <param name="cancellationToken">Cancels the call (the worker is shutting down).</param>
    /// <returns><see cref="RepeatStatus.Continuable"/> to be called again, <see cref="RepeatStatus.Finished"/> when done.</returns>
    ValueTask<RepeatStatus> ExecuteAsync(StepContribution contribution, ChunkContext chunkContext, CancellationToken cancellationToken);
}
