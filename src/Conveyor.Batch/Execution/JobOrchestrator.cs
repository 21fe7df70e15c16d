using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Durable;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs one job execution: marks it started, runs its steps in flow order (each step's partitions fanned out, at most
/// the step's limit at once, each re-scheduled from its checkpoint until done), asks deciders where to go, applies the
/// transitions, and records how the job ended.
/// </summary>
/// <remarks>
/// Replayed from history like every orchestrator: all work happens in the activities it calls — listeners run in the
/// start/complete activities, deciders in the decide activity — and awaits keep the replay's scheduler
/// (ConfigureAwait(true)). A restart begins where the start activity says: a stop-and-restart point, else the first
/// step (steps that completed earlier in the instance are then skipped by the step-start activity).
/// </remarks>
internal sealed class JobOrchestrator(JobRegistry jobs) : TaskOrchestrator<JobRun, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskOrchestrationContext context, JobRun input)
    {
        var job = jobs.Get(input.JobName);
        var start = await context.CallActivityAsync<JobStart>(BatchActivityNames.StartJob, input).ConfigureAwait(true);
        var current = start.FirstNode;
        var status = current is null ? BatchStatus.Failed : BatchStatus.Completed;
        var exitCode = current is null ? ExitStatus.Failed.ExitCode : ExitStatus.Completed.ExitCode;
        string? lastStep = null;
        string? restartAt = null;
        while (current is not null)
        {
            StepOutcome outcome;
            if (job.IsDecider(current))
            {
                var decision = await context.CallActivityAsync<DecisionOutcome>(
                    BatchActivityNames.Decide, new DecisionRun(input.JobName, input.JobExecutionId, current, lastStep)).ConfigureAwait(true);
                if (decision.ExitCode is null)
                {
                    status = BatchStatus.Failed;
                    exitCode = ExitStatus.Failed.ExitCode;
                    break;
                }

                outcome = new StepOutcome(BatchStatus.Completed, decision.ExitCode);
            }
            else
            {
                outcome = await RunStepAsync(context, job, input, current).ConfigureAwait(true);
                lastStep = current;
            }

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
            restartAt = next.RestartAt;
            exitCode = status switch
            {
                BatchStatus.Completed => outcome.ExitCode == ExitStatus.Failed.ExitCode ? ExitStatus.Completed.ExitCode : outcome.ExitCode,
                BatchStatus.Stopped => ExitStatus.Stopped.ExitCode,
                _ => ExitStatus.Failed.ExitCode,
            };
            current = null;
        }

        return await context.CallActivityAsync<JobOutcome>(
            BatchActivityNames.CompleteJob, new JobOutcome(input.JobExecutionId, status, exitCode, string.Empty, restartAt)).ConfigureAwait(true);
    }

    private static async Task<StepOutcome> RunStepAsync(TaskOrchestrationContext context, JobDefinition job, JobRun input, string stepName)
    {
        var run = new StepRun(input.JobName, input.JobExecutionId, stepName);
        var plan = await context.CallActivityAsync<StepPlan>(BatchActivityNames.StartStep, run).ConfigureAwait(true);
        if (plan.Skip)
        {
            return new StepOutcome(BatchStatus.Completed, ExitStatus.Completed.ExitCode);
        }

        if (plan.Failure is not null)
        {
            return new StepOutcome(BatchStatus.Failed, ExitStatus.Failed.ExitCode);
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
