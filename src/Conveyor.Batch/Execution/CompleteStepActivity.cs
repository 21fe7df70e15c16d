using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;
using Conveyor.Durable;

namespace Conveyor.Batch.Execution;

/// <summary>Aggregates a step's partition executions into the step's own: counts summed, the worst status wins.</summary>
internal sealed class CompleteStepActivity(IJobRepository repository, TimeProvider time) : TaskActivity<StepRun, StepOutcome>
{
    public override async Task<StepOutcome> RunAsync(TaskActivityContext context, StepRun input)
    {
        while (true)
        {
            var aggregate = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Step '{input.StepName}' of '{input.JobExecutionId}' was never started.");
            var partitions = new List<StepExecution>();
            foreach (var spec in StartStepActivity.ReadPlan(aggregate))
            {
                var partition = await repository.GetStepExecutionAsync(input.JobExecutionId, StartStepActivity.PartitionName(input.StepName, spec.Index)).ConfigureAwait(false);
                if (partition is not null)
                {
                    partitions.Add(partition);
                }
            }

            var status = partitions.Any(p => p.Status == BatchStatus.Failed) ? BatchStatus.Failed
                : partitions.Any(p => p.Status is BatchStatus.Stopped or BatchStatus.Stopping) ? BatchStatus.Stopped
                : BatchStatus.Completed;
            aggregate.Status = status;
            aggregate.ExitStatus = status switch
            {
                BatchStatus.Completed => ExitStatus.Completed,
                BatchStatus.Stopped => ExitStatus.Stopped,
                _ => ExitStatus.Failed.AddExitDescription(string.Join("; ", partitions.SelectMany(p => p.Failures))),
            };
            aggregate.ReadCount = partitions.Sum(p => p.ReadCount);
            aggregate.WriteCount = partitions.Sum(p => p.WriteCount);
            aggregate.FilterCount = partitions.Sum(p => p.FilterCount);
            aggregate.ReadSkipCount = partitions.Sum(p => p.ReadSkipCount);
            aggregate.ProcessSkipCount = partitions.Sum(p => p.ProcessSkipCount);
            aggregate.WriteSkipCount = partitions.Sum(p => p.WriteSkipCount);
            aggregate.CommitCount = partitions.Sum(p => p.CommitCount);
            aggregate.RollbackCount = partitions.Sum(p => p.RollbackCount);
            aggregate.SumProgress(partitions);
            aggregate.Failures.Clear();
            aggregate.Failures.AddRange(partitions.SelectMany(p => p.Failures));
            aggregate.EndedAt = time.GetUtcNow();
            aggregate.LastUpdatedAt = time.GetUtcNow();
            try
            {
                await repository.SaveStepExecutionAsync(aggregate).ConfigureAwait(false);
                return new StepOutcome(status, aggregate.ExitStatus.ExitCode);
            }
            catch (JobRepositoryConcurrencyException)
            {
                // A duplicate run of this activity saved first: compute again from fresh state.
            }
        }
    }
}
