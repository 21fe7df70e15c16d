using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Durable;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs one job execution: marks it started, runs its steps in flow order (each step's partitions fanned out, at most
/// the step's limit at once, each re-scheduled from its checkpoint until done), applies the transitions, and records
/// how the job ended.
/// </summary>
/// <remarks>
/// Replayed from history like every orchestrator: all work happens in the activities it calls, and awaits keep the
/// replay's scheduler (ConfigureAwait(true)).
/// </remarks>
internal sealed class JobOrchestrator(JobRegistry jobs) : TaskOrchestrator<JobRun, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskOrchestrationContext context, JobRun input)
    {
        var job = jobs.Get(input.JobName);
        var current = await context.CallActivityAsync<string>(BatchActivityNames.StartJob, input).ConfigureAwait(true);
        var status = BatchStatus.Completed;
        var exitCode = ExitStatus.Completed.ExitCode;
        while (current is not null)
        {
            var outcome = await RunStepAsync(context, job, input, current).ConfigureAwait(true);
            if (outcome.Status == BatchStatus.Stopped)
            {
                status = BatchStatus.Stopped;
                exitCode = ExitStatus.Stopped.ExitCode;
                break;
            }

            var next = job.Next(current, outcome.ExitCode);
            if (next.To is not null)
            {
                current = next.To;
                continue;
            }

            status = next.EndStatus;
            exitCode = status switch
            {
                BatchStatus.Completed => outcome.ExitCode == ExitStatus.Failed.ExitCode ? ExitStatus.Completed.ExitCode : outcome.ExitCode,
                BatchStatus.Stopped => ExitStatus.Stopped.ExitCode,
                _ => ExitStatus.Failed.ExitCode,
            };
            current = null;
        }

        return await context.CallActivityAsync<JobOutcome>(BatchActivityNames.CompleteJob, new JobOutcome(input.JobExecutionId, status, exitCode, string.Empty)).ConfigureAwait(true);
    }

    private static async Task<StepOutcome> RunStepAsync(TaskOrchestrationContext context, JobDefinition job, JobRun input, string stepName)
    {
        var run = new StepRun(input.JobName, input.JobExecutionId, stepName);
        var plan = await context.CallActivityAsync<StepPlan>(BatchActivityNames.StartStep, run).ConfigureAwait(true);
        if (plan.Skip)
        {
            return new StepOutcome(BatchStatus.Completed, ExitStatus.Completed.ExitCode);
        }

        var limit = Math.Max(1, job.GetStep(stepName).MaxParallelPartitions);
        var waiting = new Queue<PartitionRun>(plan.Partitions);
        var running = new List<Task<PartitionOutcome>>();
        while (waiting.Count > 0 || running.Count > 0)
        {
            while (running.Count < limit && waiting.Count > 0)
            {
                running.Add(RunPartitionAsync(context, waiting.Dequeue()));
            }

            running.Remove(await Task.WhenAny(running).ConfigureAwait(true));
        }

        return await context.CallActivityAsync<StepOutcome>(BatchActivityNames.CompleteStep, run).ConfigureAwait(true);
    }

    private static async Task<PartitionOutcome> RunPartitionAsync(TaskOrchestrationContext context, PartitionRun partition)
    {
        while (true)
        {
            var outcome = await context.CallActivityAsync<PartitionOutcome>(BatchActivityNames.ExecutePartition, partition).ConfigureAwait(true);
            if (outcome.Status != BatchStatus.Started)
            {
                return outcome;
            }
        }
    }
}
