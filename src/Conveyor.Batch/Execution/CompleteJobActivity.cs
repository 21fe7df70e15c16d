using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;
using Conveyor.Durable;

namespace Conveyor.Batch.Execution;

/// <summary>Records how a job execution ended: status, exit status with the steps' failures, end time.</summary>
internal sealed class CompleteJobActivity(IJobRepository repository, TimeProvider time) : TaskActivity<JobOutcome, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskActivityContext context, JobOutcome input)
    {
        var steps = await repository.GetStepExecutionsAsync(input.JobExecutionId).ConfigureAwait(false);
        var failures = steps.Where(s => !s.StepName.Contains(':', StringComparison.Ordinal)).SelectMany(s => s.Failures).Distinct().ToList();
        var execution = await ExecutionUpdates.UpdateJobAsync(repository, input.JobExecutionId, execution =>
        {
            execution.Status = input.Status;
            execution.ExitStatus = new ExitStatus(input.ExitCode, string.Join("; ", failures));
            execution.Failures.Clear();
            execution.Failures.AddRange(failures);
            execution.EndedAt = time.GetUtcNow();
            return true;
        }, time).ConfigureAwait(false);
        return input with { ExitDescription = execution.ExitStatus.ExitDescription };
    }
}
