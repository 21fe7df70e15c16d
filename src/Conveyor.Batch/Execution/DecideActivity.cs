using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Microsoft.DurableTask;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs a decider of the job's flow with the job execution and the step execution that ran last, and records the
/// decision in the job execution's context (<c>batch.decision.&lt;name&gt;</c>).
/// </summary>
/// <remarks>
/// The orchestration calls the decider only through this activity, so its result is part of the orchestration's
/// history and a replay takes the same path. A decider that throws is recorded as a job failure and answered with a
/// null code (the orchestration then ends the job FAILED). The last step is looked up in this execution, else in the
/// instance's earlier executions (a step skipped on restart ran in one of them).
/// </remarks>
internal sealed class DecideActivity(IJobRepository repository, JobRegistry jobs, TimeProvider time) : TaskActivity<DecisionRun, DecisionOutcome>
{
    public override async Task<DecisionOutcome> RunAsync(TaskActivityContext context, DecisionRun input)
    {
        var decider = jobs.Get(input.JobName).Deciders.GetValueOrDefault(input.DeciderName)
            ?? throw new InvalidOperationException($"Job '{input.JobName}' has no decider '{input.DeciderName}'.");
        var execution = await repository.GetJobExecutionAsync(input.JobExecutionId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job execution '{input.JobExecutionId}' does not exist.");
        var lastStep = input.LastStepName is { } stepName ? await LastStepExecutionAsync(execution, stepName).ConfigureAwait(false) : null;
        string? code = null;
        string? failure = null;
        try
        {
            var status = await decider.DecideAsync(execution, lastStep, CancellationToken.None).ConfigureAwait(false);
            code = string.IsNullOrEmpty(status?.Name) ? throw new InvalidOperationException("The decider returned no status.") : status.Name;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            failure = $"Decider '{input.DeciderName}' failed: {error.GetType().Name}: {error.Message}";
        }

        await ExecutionUpdates.UpdateJobAsync(repository, input.JobExecutionId, row =>
        {
            if (failure is not null)
            {
                if (row.Failures.Contains(failure))
                {
                    return false;
                }

                row.Failures.Add(failure);
                return true;
            }

            var state = ExecutionContext.FromJson(row.ExecutionContextJson);
            if (state.Get<string?>(JobContextKeys.DecisionPrefix + input.DeciderName) == code)
            {
                return false;
            }

            state.Put(JobContextKeys.DecisionPrefix + input.DeciderName, code);
            row.ExecutionContextJson = state.ToJson();
            return true;
        }, time).ConfigureAwait(false);
        return new DecisionOutcome(code);
    }

    private async Task<StepExecution?> LastStepExecutionAsync(JobExecution execution, string stepName)
    {
        if (await repository.GetStepExecutionAsync(execution.ExecutionId, stepName).ConfigureAwait(false) is { } current)
        {
            return current;
        }

        var executions = await repository.GetJobExecutionsAsync(execution.InstanceId).ConfigureAwait(false);
        foreach (var earlier in executions.Where(e => e.ExecutionId != execution.ExecutionId).OrderByDescending(e => e.CreatedAt))
        {
            if (await repository.GetStepExecutionAsync(earlier.ExecutionId, stepName).ConfigureAwait(false) is { } step)
            {
                return step;
            }
        }

        return null;
    }
}
