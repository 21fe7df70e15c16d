using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Marks a job execution STARTED, runs the before-job listeners, and returns where the flow begins: the restart point
/// a stop-and-restart left in the execution this one restarts, else the job's first step or decider.
/// </summary>
/// <remarks>
/// Idempotent: running it again on an execution already started returns the same answer without calling the listeners
/// again. The listeners run before the STARTED state is saved, so a crash in between runs them again (at-least-once).
/// </remarks>
internal sealed class StartJobActivity(IJobRepository repository, JobRegistry jobs, TimeProvider time) : TaskActivity<JobRun, JobStart>
{
    public override async Task<JobStart> RunAsync(TaskActivityContext context, JobRun input)
    {
        var job = jobs.Get(input.JobName);
        var execution = await repository.GetJobExecutionAsync(input.JobExecutionId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job execution '{input.JobExecutionId}' does not exist.");
        var restartAt = await RestartPointAsync(job, execution).ConfigureAwait(false);
        var first = restartAt ?? job.FirstNode;
        if (execution.StartedAt is not null || execution.Status is not (BatchStatus.Starting or BatchStatus.Stopping))
        {
            // Started by an earlier run of this activity, or ended before it began. Until the orchestration has this
            // answer nothing else runs, so a job-level failure seen now came from a before-job listener (the answer of a
            // late duplicate is ignored by the orchestration anyway).
            return new JobStart(execution.Failures.Count > 0 ? null : first, job.Flow);
        }

        execution.Status = execution.Status == BatchStatus.Stopping ? BatchStatus.Stopping : BatchStatus.Started;
        execution.StartedAt = time.GetUtcNow();
        execution.ExitStatus = ExitStatus.Executing;
        if (restartAt is not null)
        {
            var state = ExecutionContext.FromJson(execution.ExecutionContextJson);
            state.Put(JobContextKeys.RestartStep, restartAt);
            execution.ExecutionContextJson = state.ToJson();
        }

        var failed = false;
        try
        {
            await ListenerCalls.InOrderAsync(job.Listeners, "BeforeJob", l => new ValueTask(l.BeforeJobAsync(execution, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (ListenerFailedException error)
        {
            execution.Failures.Add($"{nameof(ListenerFailedException)}: {error.Message}");
            failed = true;
        }

        var stored = await ExecutionUpdates.UpdateJobAsync(repository, input.JobExecutionId, row =>
        {
            if (row.Status is not (BatchStatus.Starting or BatchStatus.Stopping) || row.StartedAt is not null)
            {
                return false;
            }

            row.Status = row.Status == BatchStatus.Stopping ? BatchStatus.Stopping : BatchStatus.Started;
            row.StartedAt = execution.StartedAt;
            row.ExitStatus = execution.ExitStatus;
            row.ExecutionContextJson = execution.ExecutionContextJson;
            row.Failures.AddRange(execution.Failures);
            return true;
        }, time).ConfigureAwait(false);
        return new JobStart(failed || stored.Failures.Count > 0 ? null : first, job.Flow);
    }

    private async Task<string?> RestartPointAsync(JobDefinition job, JobExecution execution)
    {
        if (execution.RestartOf is not { } restartOf || await repository.GetJobExecutionAsync(restartOf).ConfigureAwait(false) is not { } previous)
        {
            return null;
        }

        var restartAt = ExecutionContext.FromJson(previous.ExecutionContextJson).Get<string?>(JobContextKeys.RestartStep);
        return restartAt is not null && job.HasNode(restartAt) ? restartAt : null;
    }
}
