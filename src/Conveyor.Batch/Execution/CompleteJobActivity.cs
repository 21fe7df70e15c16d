using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Records how a job execution ended: status, exit status with the job's and the steps' failures, end time, and for a
/// stop-and-restart end the step a restart begins at; runs the after-job listeners first, which may change all that.
/// </summary>
/// <remarks>
/// Idempotent: once the execution has ended, running it again returns what was stored without calling the listeners.
/// The listeners run before the end is saved, so a crash in between runs them again (at-least-once).
/// </remarks>
internal sealed class CompleteJobActivity(IJobRepository repository, JobRegistry jobs, TimeProvider time) : TaskActivity<JobOutcome, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskActivityContext context, JobOutcome input)
    {
        var execution = await repository.GetJobExecutionAsync(input.JobExecutionId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job execution '{input.JobExecutionId}' does not exist.");
        if (!execution.IsRunning)
        {
            return Outcome(input, execution);
        }

        var job = jobs.Get(execution.JobName);

        var steps = await repository.GetStepExecutionsAsync(input.JobExecutionId).ConfigureAwait(false);
        var failures = execution.Failures.Concat(steps.Where(s => !s.StepName.Contains(':', StringComparison.Ordinal)).SelectMany(s => s.Failures)).Distinct().ToList();
        execution.Status = input.Status;
        execution.ExitStatus = new ExitStatus(input.ExitCode, string.Join("; ", failures));
        execution.Failures.Clear();
        execution.Failures.AddRange(failures);
        execution.EndedAt = time.GetUtcNow();
        if (input.RestartAt is not null)
        {
            var state = ExecutionContext.FromJson(execution.ExecutionContextJson);
            state.Put(JobContextKeys.RestartStep, input.RestartAt);
            execution.ExecutionContextJson = state.ToJson();
        }

        try
        {
            await ListenerCalls.InReverseAsync(job.Listeners, "AfterJob", l => new ValueTask(l.AfterJobAsync(execution, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (ListenerFailedException error)
        {
            var failure = $"{nameof(ListenerFailedException)}: {error.Message}";
            execution.Status = BatchStatus.Failed;
            execution.ExitStatus = ExitStatus.Failed.AddExitDescription(string.Join("; ", [.. execution.Failures, failure]));
            execution.Failures.Add(failure);
        }

        var stored = await ExecutionUpdates.UpdateJobAsync(repository, input.JobExecutionId, row =>
        {
            if (!row.IsRunning)
            {
                return false;
            }

            row.Status = execution.Status;
            row.ExitStatus = execution.ExitStatus;
            row.Failures.Clear();
            row.Failures.AddRange(execution.Failures);
            row.EndedAt = execution.EndedAt;
            row.ExecutionContextJson = execution.ExecutionContextJson;
            return true;
        }, time).ConfigureAwait(false);
        return Outcome(input, stored);
    }

    private static JobOutcome Outcome(JobOutcome input, JobExecution stored) =>
        input with { Status = stored.Status, ExitCode = stored.ExitStatus.ExitCode, ExitDescription = stored.ExitStatus.ExitDescription };
}
