using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Aggregates a step's partition executions into the step's own: counts summed, the worst status wins (a partition that
/// never ended counts as FAILED); then runs the after-step listeners, which may change the exit status the job's
/// transitions see.
/// </summary>
/// <remarks>
/// Idempotent: once the step execution has ended, running it again returns what was stored without calling the
/// listeners. The listeners run before the end is saved, so a crash in between runs them again (at-least-once).
/// </remarks>
internal sealed class CompleteStepActivity(IJobRepository repository, JobRegistry jobs, TimeProvider time) : TaskActivity<StepRun, StepOutcome>
{
    public override async Task<StepOutcome> RunAsync(TaskActivityContext context, StepRun input)
    {
        var step = jobs.Get(input.JobName).GetStep(input.StepName);
        while (true)
        {
            var aggregate = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Step '{input.StepName}' of '{input.JobExecutionId}' was never started.");
            if (aggregate.EndedAt is not null && aggregate.Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Stopped)
            {
                return new StepOutcome(aggregate.Status, aggregate.ExitStatus.ExitCode);
            }

            var partitions = new List<StepExecution>();
            var unfinished = new List<string>();
            foreach (var spec in StartStepActivity.ReadPlan(aggregate))
            {
                var name = StartStepActivity.PartitionName(input.StepName, spec.Index);
                var partition = await repository.GetStepExecutionAsync(input.JobExecutionId, name).ConfigureAwait(false);
                if (partition is not null)
                {
                    partitions.Add(partition);
                }

                // A partition whose activity failed (rather than returning) never reached an end: its rest is not written.
                if (partition?.Status is null or BatchStatus.Starting or BatchStatus.Started or BatchStatus.Unknown)
                {
                    unfinished.Add($"Partition '{name}' ended without an outcome (its activity failed); a restart resumes it from its checkpoint.");
                }
            }

            var status = unfinished.Count > 0 || partitions.Any(p => p.Status == BatchStatus.Failed) ? BatchStatus.Failed
                : partitions.Any(p => p.Status is BatchStatus.Stopped or BatchStatus.Stopping) ? BatchStatus.Stopped
                : BatchStatus.Completed;
            aggregate.Status = status;
            aggregate.ExitStatus = status switch
            {
                BatchStatus.Completed => ExitStatus.Completed,
                BatchStatus.Stopped => ExitStatus.Stopped,
                _ => ExitStatus.Failed.AddExitDescription(string.Join("; ", partitions.SelectMany(p => p.Failures).Concat(unfinished))),
            };
            aggregate.SumPartitions(partitions);
            aggregate.Failures.Clear();
            aggregate.Failures.AddRange(partitions.SelectMany(p => p.Failures).Concat(unfinished));
            aggregate.EndedAt = time.GetUtcNow();
            aggregate.LastUpdatedAt = time.GetUtcNow();
            await AfterStepAsync(step, aggregate, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await repository.SaveStepExecutionAsync(aggregate).ConfigureAwait(false);
                return new StepOutcome(aggregate.Status, aggregate.ExitStatus.ExitCode);
            }
            catch (JobRepositoryConcurrencyException)
            {
                // A duplicate run of this activity saved first: compute again from fresh state.
            }
        }
    }

    /// <summary>Runs the after-step listeners in reverse order; each non-null answer replaces the exit status, a failure fails the step.</summary>
    internal static async Task AfterStepAsync(StepDefinition step, StepExecution aggregate, CancellationToken cancellationToken)
    {
        try
        {
            await ListenerCalls.InReverseAsync(step.StepExecutionListeners, "AfterStep", async l =>
            {
                if (await l.AfterStepAsync(aggregate, cancellationToken).ConfigureAwait(false) is { } exitStatus)
                {
                    aggregate.ExitStatus = exitStatus;
                }
            }).ConfigureAwait(false);
        }
        catch (ListenerFailedException error)
        {
            var failure = $"{nameof(ListenerFailedException)}: {error.Message}";
            aggregate.Status = BatchStatus.Failed;
            aggregate.ExitStatus = ExitStatus.Failed.AddExitDescription(failure);
            aggregate.Failures.Add(failure);
        }
    }
}
