using System.Diagnostics;
using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs the chunk loop of one partition from its last checkpoint: read, process, write chunks, and every
/// <see cref="BatchOptions.CheckpointInterval"/> checkpoint — the output of the chunks since the last checkpoint made
/// durable first, the checkpoint (counts, reader and writer state) second, guarded by the step execution's version.
/// </summary>
/// <remarks>
/// Checks for a stop request at every checkpoint. Returns STARTED when its time budget is spent, or at once after a
/// checkpoint when its host is stopping, so the orchestration schedules it again from the checkpoint (on any worker). If the same partition runs twice at once (activities are
/// at-least-once), the second to commit finds the version changed and steps aside, returning STARTED; the rerun then
/// continues from whatever was committed.
/// </remarks>
internal sealed class ExecutePartitionActivity(
    IJobRepository repository,
    JobRegistry jobs,
    IServiceProvider services,
    IOptions<BatchOptions> options,
    TimeProvider time) : TaskActivity<PartitionRun, PartitionOutcome>
{
    private readonly CancellationToken _hostStopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    public override async Task<PartitionOutcome> RunAsync(TaskActivityContext context, PartitionRun input)
    {
        var job = jobs.Get(input.JobName);
        var step = job.GetStep(input.StepName);
        var execution = await repository.GetJobExecutionAsync(input.JobExecutionId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job execution '{input.JobExecutionId}' does not exist.");
        var partition = await repository.GetStepExecutionAsync(input.JobExecutionId, input.PartitionName).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Step execution '{input.PartitionName}' of '{input.JobExecutionId}' does not exist.");
        if (partition.Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Stopped or BatchStatus.Abandoned)
        {
            return new PartitionOutcome(partition.Status);
        }

        var clock = Stopwatch.StartNew();
        var state = ExecutionContext.FromJson(partition.ExecutionContextJson);
        var runs = PartitionAttempts.Start(state);
        if (runs > options.Value.MaxPartitionAttempts)
        {
            return await FailAsync(input, new PartitionAttemptsExceededException(input.PartitionName, runs - 1), partition.Version).ConfigureAwait(false);
        }

        // This run is counted before it does anything that could end the process (creating readers, the first item).
        partition.ExecutionContextJson = state.ToJson();
        partition.Worker = WorkerName.Current;
        if (partition.Status == BatchStatus.Starting)
        {
            partition.Status = BatchStatus.Started;
            partition.StartedAt ??= time.GetUtcNow();
        }

        try
        {
            await SaveAsync(partition).ConfigureAwait(false);
        }
        catch (JobRepositoryConcurrencyException)
        {
            return new PartitionOutcome(BatchStatus.Started); // Another run of this partition is at work.
        }

        var stepContext = new StepContext(input.JobName, input.JobExecutionId, input.StepName, execution.Parameters, input.Spec, services);
        var runner = step.CreateRunner(stepContext);
        await using (runner.ConfigureAwait(false))
        {
            try
            {
                var budget = await StepSkipBudget.LoadAsync(repository, input.JobExecutionId, input.StepName, input.PartitionName, step.SkipLimit, CancellationToken.None).ConfigureAwait(false);
                return await RunChunksAsync(partition, runner, state, budget, clock).ConfigureAwait(false);
            }
            catch (JobRepositoryConcurrencyException)
            {
                return new PartitionOutcome(BatchStatus.Started); // Another run of this partition got there first.
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return await FailAsync(input, error, partition.Version).ConfigureAwait(false);
            }
        }
    }

    private async Task<PartitionOutcome> RunChunksAsync(StepExecution partition, IPartitionRunner runner, ExecutionContext state, StepSkipBudget budget, Stopwatch clock)
    {
        await runner.OpenAsync(state, CancellationToken.None).ConfigureAwait(false);
        await EnsureStillOwnedAsync(partition).ConfigureAwait(false);

        var skips = new List<SkippedItem>();
        var sinceCheckpoint = Stopwatch.StartNew();
        var pending = false; // Units run since the last checkpoint.
        var checkpointed = false; // Whether this run has made progress: a run yields to its time budget only after one checkpoint.
        while (true)
        {
            if (!pending)
            {
                var job = await repository.GetJobExecutionAsync(partition.JobExecutionId).ConfigureAwait(false);
                if (job?.Status is BatchStatus.Stopping or BatchStatus.Stopped)
                {
                    partition.Status = BatchStatus.Stopped;
                    partition.ExitStatus = ExitStatus.Stopped;
                    partition.EndedAt = time.GetUtcNow();
                    await SaveAsync(partition).ConfigureAwait(false);
                    return new PartitionOutcome(BatchStatus.Stopped);
                }

                // A run whose budget went on starting (a loaded machine) still commits a unit first: otherwise it would end
                // with no checkpoint, like a run whose process died, and enough of them in a row would fail the step.
                if ((checkpointed && clock.Elapsed >= options.Value.PartitionTimeBudget) || _hostStopping.IsCancellationRequested)
                {
                    return new PartitionOutcome(BatchStatus.Started);
                }
            }

            var counts = Snapshot(partition);
            var skipsBefore = skips.Count;
            bool more;
            try
            {
                more = await runner.RunUnitAsync(partition, skips, budget.SkippedElsewhere, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Restore(partition, counts);
                skips.RemoveRange(skipsBefore, skips.Count - skipsBefore);
                if (pending && runner.CanCommitAfterFailure)
                {
                    await CheckpointAfterFailureAsync(partition, runner, state, budget, skips).ConfigureAwait(false);
                }

                partition.RollbackCount++;
                throw;
            }

            partition.CommitCount++;
            pending = true;
            if (!more)
            {
                await CheckpointAsync(partition, runner, state, budget, skips, save: false).ConfigureAwait(false);
                await runner.CloseAsync(CancellationToken.None).ConfigureAwait(false);
                partition.Status = BatchStatus.Completed;
                partition.ExitStatus = ExitStatus.Completed;
                partition.EndedAt = time.GetUtcNow();
                await SaveAsync(partition).ConfigureAwait(false);
                return new PartitionOutcome(BatchStatus.Completed);
            }

            if (runner.CheckpointsEveryUnit || sinceCheckpoint.Elapsed >= options.Value.CheckpointInterval || clock.Elapsed >= options.Value.PartitionTimeBudget || _hostStopping.IsCancellationRequested)
            {
                await CheckpointAsync(partition, runner, state, budget, skips, save: true).ConfigureAwait(false);
                pending = false;
                checkpointed = true;
                sinceCheckpoint.Restart();
            }
        }
    }

    /// <summary>
    /// Throws <see cref="JobRepositoryConcurrencyException"/> if another run of the partition started since this one did.
    /// </summary>
    /// <remarks>
    /// Writers read their output's version when they open (a blob's ETag) and commit only over it, which fences runs
    /// that take over later. A run that took over between this run's start and its open, though, may already have
    /// committed — even completed the partition — and this run's writers have read that; this check keeps them from
    /// putting an older list back over it.
    /// </remarks>
    private async Task EnsureStillOwnedAsync(StepExecution partition)
    {
        var stored = await repository.GetStepExecutionAsync(partition.JobExecutionId, partition.StepName).ConfigureAwait(false);
        if (stored?.Version != partition.Version)
        {
            throw new JobRepositoryConcurrencyException($"Step execution '{partition.StepName}' of '{partition.JobExecutionId}' was taken over by another run while this one opened.");
        }
    }

    /// <summary>
    /// The partition's skips counted against the step's limit first, then the output of the units since the last
    /// checkpoint made durable, then their skips, then the step execution.
    /// </summary>
    private async Task CheckpointAsync(StepExecution partition, IPartitionRunner runner, ExecutionContext state, StepSkipBudget budget, List<SkippedItem> skips, bool save)
    {
        await budget.RecordAsync(partition.SkipCount, CancellationToken.None).ConfigureAwait(false);
        await runner.CommitAsync(state, partition, CancellationToken.None).ConfigureAwait(false);
        if (skips.Count > 0)
        {
            await repository.AddSkippedItemsAsync(skips).ConfigureAwait(false);
            skips.Clear();
        }

        PartitionAttempts.Clear(state);
        partition.ExecutionContextJson = state.ToJson();
        if (save)
        {
            await SaveAsync(partition).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the units before a unit that failed without writing, so a restart resumes right after them.</summary>
    private async Task CheckpointAfterFailureAsync(StepExecution partition, IPartitionRunner runner, ExecutionContext state, StepSkipBudget budget, List<SkippedItem> skips)
    {
        try
        {
            await CheckpointAsync(partition, runner, state, budget, skips, save: true).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not (JobRepositoryConcurrencyException or OperationCanceledException))
        {
            // The partition then fails from its previous checkpoint; a restart repeats a little more, nothing twice.
        }
    }

    /// <summary>
    /// Records the partition FAILED — unless the stored state is no longer the one this run last read or wrote: then
    /// another run of the partition took over (or this run's last write took effect though its answer was lost), and
    /// the failure is not this run's to record; it steps aside and the partition runs again from what was stored.
    /// </summary>
    private async Task<PartitionOutcome> FailAsync(PartitionRun input, Exception error, string? ownVersion)
    {
        // Record the failure on a fresh copy: the in-memory one may hold counts of the chunk that was rolled back.
        var fresh = await repository.GetStepExecutionAsync(input.JobExecutionId, input.PartitionName).ConfigureAwait(false);
        if (fresh is null)
        {
            throw new InvalidOperationException($"Step execution '{input.PartitionName}' disappeared.", error);
        }

        if (fresh.Version != ownVersion)
        {
            return new PartitionOutcome(BatchStatus.Started);
        }

        fresh.Status = BatchStatus.Failed;
        fresh.ExitStatus = ExitStatus.Failed.AddExitDescription(error.Message);
        fresh.RollbackCount++;
        fresh.Failures.Add($"{error.GetType().Name}: {error.Message}");
        fresh.EndedAt = time.GetUtcNow();
        try
        {
            await SaveAsync(fresh).ConfigureAwait(false);
        }
        catch (JobRepositoryConcurrencyException)
        {
            return new PartitionOutcome(BatchStatus.Started); // Another run committed meanwhile: its state stands.
        }

        return new PartitionOutcome(BatchStatus.Failed);
    }

    private async Task SaveAsync(StepExecution partition)
    {
        partition.LastUpdatedAt = time.GetUtcNow();
        await repository.SaveStepExecutionAsync(partition).ConfigureAwait(false);
    }

    private static long[] Snapshot(StepExecution s) =>
        [s.ReadCount, s.WriteCount, s.FilterCount, s.ReadSkipCount, s.ProcessSkipCount, s.WriteSkipCount];

    private static void Restore(StepExecution s, long[] c)
    {
        (s.ReadCount, s.WriteCount, s.FilterCount, s.ReadSkipCount, s.ProcessSkipCount, s.WriteSkipCount) = (c[0], c[1], c[2], c[3], c[4], c[5]);
    }
}
