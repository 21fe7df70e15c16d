using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Microsoft.DurableTask;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs one job execution: marks it started, runs its steps in flow order (each step's partitions fanned out, at most
/// the step's limit at once, each re-scheduled from its checkpoint until done), asks deciders where to go, applies the
/// transitions, and records how the job ended.
/// </summary>
/// <remarks>
/// Replayed from history like every orchestrator: all work happens in the activities it calls — listeners run in the
/// start/complete activities, deciders in the decide activity — and awaits keep the replay's scheduler
/// (ConfigureAwait(true)). It has no services: the flow it walks comes from the start activity, so it is in the history.
/// Its history grows with the job's steps and partitions, never with their length: a partition re-scheduled from its
/// checkpoint continues in a <see cref="PartitionOrchestrator"/>. A restart begins where the start activity says: a
/// stop-and-restart point, else the first step (steps that completed earlier in the instance are then skipped by the
/// step-start activity).
/// </remarks>
internal sealed class JobOrchestrator : TaskOrchestrator<JobRun, JobOutcome>
{
    public override async Task<JobOutcome> RunAsync(TaskOrchestrationContext context, JobRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var start = await context.CallActivityAsync<JobStart>(BatchTaskNames.StartJob, input).ConfigureAwait(true);
        var current = start.FirstNode;
        var status = current is null ? BatchStatus.Failed : BatchStatus.Completed;
        var exitCode = current is null ? ExitStatus.Failed.ExitCode : ExitStatus.Completed.ExitCode;
        string? lastStep = null;
        string? restartAt = null;
        while (current is not null)
        {
            StepOutcome outcome;
            if (start.Flow.IsDecider(current))
            {
                var decision = await context.CallActivityAsync<DecisionOutcome>(
                    BatchTaskNames.Decide, new DecisionRun(input.JobName, input.JobExecutionId, current, lastStep)).ConfigureAwait(true);
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
                outcome = await RunStepAsync(context, start.Flow, input, current).ConfigureAwait(true);
                lastStep = current;
            }

            if (outcome.Status == BatchStatus.Stopped)
            {
                status = BatchStatus.Stopped;
                exitCode = ExitStatus.Stopped.ExitCode;
                break;
            }

            var next = start.Flow.Next(current, outcome.ExitCode);
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
            BatchTaskNames.CompleteJob, new JobOutcome(input.JobExecutionId, status, exitCode, string.Empty, restartAt)).ConfigureAwait(true);
    }

    private static async Task<StepOutcome> RunStepAsync(TaskOrchestrationContext context, JobFlow flow, JobRun input, string stepName)
    {
        var run = new StepRun(input.JobName, input.JobExecutionId, stepName);
        var plan = await context.CallActivityAsync<StepPlan>(BatchTaskNames.StartStep, run).ConfigureAwait(true);
        if (plan.Skip)
        {
            return new StepOutcome(BatchStatus.Completed, ExitStatus.Completed.ExitCode);
        }

        if (plan.Failure is not null)
        {
            return new StepOutcome(BatchStatus.Failed, ExitStatus.Failed.ExitCode);
        }

        var limit = flow.MaxParallel(stepName);
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

        return await context.CallActivityAsync<StepOutcome>(BatchTaskNames.CompleteStep, run).ConfigureAwait(true);
    }

    /// <summary>
    /// Runs a partition's first activity here; a partition that needs more runs (its time budget ran out) continues in
    /// its own orchestration, which continues as new after each run, so neither history grows with the partition's length.
    /// </summary>
    /// <remarks>
    /// An activity or orchestration that fails (after <see cref="PartitionRetry"/>) gives the partition no outcome: it is
    /// reported FAILED, never dropped, so the step cannot complete without it.
    /// </remarks>
    private static async Task<PartitionOutcome> RunPartitionAsync(TaskOrchestrationContext context, PartitionRun partition)
    {
        try
        {
            var outcome = await context.CallActivityAsync<PartitionOutcome>(BatchTaskNames.ExecutePartition, partition, PartitionRetry.Options).ConfigureAwait(true);
            if (outcome.Status != BatchStatus.Started)
            {
                return outcome;
            }

            return await context.CallSubOrchestratorAsync<PartitionOutcome>(
                BatchTaskNames.Partition, partition, new SubOrchestrationOptions { InstanceId = PartitionOrchestrator.InstanceId(partition) }).ConfigureAwait(true);
        }
        catch (TaskFailedException)
        {
            return new PartitionOutcome(BatchStatus.Failed);
        }
    }
}
