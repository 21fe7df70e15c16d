using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Plans a step: skips it when its last execution in the job instance completed (unless it may start again), refuses
/// it when it already started as often as its start limit allows, otherwise creates the step's and its partitions'
/// StepExecutions — reusing the partition plan and each partition's last checkpoint of the step's last execution, and
/// leaving out partitions that completed — and runs the before-step listeners.
/// </summary>
/// <remarks>
/// Idempotent: a second run finds the plan it stored and returns it. The step's earlier executions are looked up in
/// every execution of the instance (not only the one restarted), so a step that completed two restarts ago is still
/// skipped. A refusal (start limit, failing before-step listener) is stored as a FAILED step execution with the reason.
/// On restart, partitions of the earlier execution that still claim to run are marked FAILED before their
/// checkpoints are copied, so no late run of them can commit past the copy.
/// </remarks>
internal sealed class StartStepActivity(IJobRepository repository, JobRegistry jobs, IServiceProvider services, TimeProvider time) : TaskActivity<StepRun, StepPlan>
{
    private const string PartitionsKey = "partitions";

    public override async Task<StepPlan> RunAsync(TaskActivityContext context, StepRun input)
    {
        var step = jobs.Get(input.JobName).GetStep(input.StepName);
        var execution = await repository.GetJobExecutionAsync(input.JobExecutionId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Job execution '{input.JobExecutionId}' does not exist.");
        var existing = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName).ConfigureAwait(false);
        if (existing is not null)
        {
            return await PlanFromAsync(input, existing).ConfigureAwait(false);
        }

        var earlierRuns = await EarlierRunsAsync(execution, input.StepName).ConfigureAwait(false);
        var (previousExecutionId, previous) = earlierRuns.Count > 0 ? earlierRuns[0] : (null, null);
        if (previous?.Status == BatchStatus.Completed && !step.AllowStartIfComplete)
        {
            return new StepPlan(true, []);
        }

        var now = time.GetUtcNow();
        var aggregate = new StepExecution
        {
            JobExecutionId = input.JobExecutionId,
            StepName = input.StepName,
            Status = BatchStatus.Started,
            StartedAt = now,
            LastUpdatedAt = now,
        };
        if (step.StartLimit > 0 && earlierRuns.Count >= step.StartLimit)
        {
            return await RefuseAsync(input, aggregate, new StartLimitExceededException(input.StepName, step.StartLimit, earlierRuns.Count)).ConfigureAwait(false);
        }

        var specs = previous is not null && previous.Status != BatchStatus.Completed
            ? ReadPlan(previous)
            : step.Partitioner is { } partitioner
                ? await partitioner.PartitionAsync(execution.Parameters, services, CancellationToken.None).ConfigureAwait(false)
                : [PartitionSpec.Whole];

        var earlierPartitions = new List<StepExecution?>();
        foreach (var spec in specs)
        {
            var name = PartitionName(input.StepName, spec.Index);
            var earlier = previousExecutionId is not null ? await FenceAsync(previousExecutionId, name).ConfigureAwait(false) : null;
            earlierPartitions.Add(earlier);
            var partition = new StepExecution
            {
                JobExecutionId = input.JobExecutionId,
                StepName = name,
                Status = earlier?.Status == BatchStatus.Completed && !step.AllowStartIfComplete ? BatchStatus.Completed : BatchStatus.Starting,
                ExitStatus = earlier?.Status == BatchStatus.Completed && !step.AllowStartIfComplete ? ExitStatus.Completed.AddExitDescription("completed in the restarted execution") : ExitStatus.Executing,
                ExecutionContextJson = step.AllowStartIfComplete && earlier?.Status == BatchStatus.Completed ? null : PartitionAttempts.Cleared(earlier?.ExecutionContextJson),
                BytesRead = earlier?.BytesRead ?? 0,
                BytesTotal = earlier?.BytesTotal,
                LastUpdatedAt = now,
            };
            await SaveIfAbsentAsync(partition).ConfigureAwait(false);
        }

        var plan = new ExecutionContext();
        plan.Put(PartitionsKey, specs);
        if (previous is not null && previous.Status != BatchStatus.Completed)
        {
            // A restart does not reset the skip limit: what the restarted execution committed counts on.
            StepSkipBudget.Carry(plan, StepSkipBudget.CarriedFrom(previous, earlierPartitions));
        }

        aggregate.ExecutionContextJson = plan.ToJson();
        try
        {
            await ListenerCalls.InOrderAsync(step.StepExecutionListeners, "BeforeStep", l => new ValueTask(l.BeforeStepAsync(aggregate, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (ListenerFailedException error)
        {
            return await RefuseAsync(input, aggregate, error, step, CancellationToken.None).ConfigureAwait(false);
        }

        await SaveIfAbsentAsync(aggregate).ConfigureAwait(false);
        var stored = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName).ConfigureAwait(false);
        return await PlanFromAsync(input, stored!).ConfigureAwait(false);
    }

    internal static string PartitionName(string stepName, int index) => $"{stepName}:partition{index}";

    internal static IReadOnlyList<PartitionSpec> ReadPlan(StepExecution aggregate) =>
        ExecutionContext.FromJson(aggregate.ExecutionContextJson).Get<List<PartitionSpec>>(PartitionsKey) ?? [PartitionSpec.Whole];

    /// <summary>The step's executions in the other executions of the job instance, newest first.</summary>
    private async Task<List<(string? ExecutionId, StepExecution? Step)>> EarlierRunsAsync(JobExecution execution, string stepName)
    {
        var runs = new List<(string?, StepExecution?)>();
        var executions = await repository.GetJobExecutionsAsync(execution.InstanceId).ConfigureAwait(false);
        foreach (var earlier in executions.Where(e => e.ExecutionId != execution.ExecutionId).OrderByDescending(e => e.CreatedAt))
        {
            if (await repository.GetStepExecutionAsync(earlier.ExecutionId, stepName).ConfigureAwait(false) is { } step)
            {
                runs.Add((earlier.ExecutionId, step));
            }
        }

        return runs;
    }

    /// <summary>Records the step FAILED before it ran; after a failing before-step listener the after-step listeners still run, as in Spring Batch.</summary>
    private async Task<StepPlan> RefuseAsync(StepRun input, StepExecution aggregate, Exception error, StepDefinition? listenedStep = null, CancellationToken cancellationToken = default)
    {
        var failure = $"{error.GetType().Name}: {error.Message}";
        aggregate.Status = BatchStatus.Failed;
        aggregate.ExitStatus = ExitStatus.Failed.AddExitDescription(failure);
        aggregate.Failures.Add(failure);
        aggregate.EndedAt = time.GetUtcNow();
        if (listenedStep is not null)
        {
            await CompleteStepActivity.AfterStepAsync(listenedStep, aggregate, cancellationToken).ConfigureAwait(false);
        }

        await SaveIfAbsentAsync(aggregate).ConfigureAwait(false);
        var stored = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName, cancellationToken).ConfigureAwait(false);
        return await PlanFromAsync(input, stored!).ConfigureAwait(false);
    }

    private async Task<StepPlan> PlanFromAsync(StepRun input, StepExecution aggregate)
    {
        if (aggregate.Status == BatchStatus.Failed && aggregate.EndedAt is not null)
        {
            return new StepPlan(false, [], aggregate.Failures.FirstOrDefault() ?? aggregate.ExitStatus.ExitDescription);
        }

        var runs = new List<PartitionRun>();
        foreach (var spec in ReadPlan(aggregate))
        {
            var name = PartitionName(input.StepName, spec.Index);
            var partition = await repository.GetStepExecutionAsync(input.JobExecutionId, name).ConfigureAwait(false);
            if (partition?.Status != BatchStatus.Completed)
            {
                runs.Add(new PartitionRun(input.JobName, input.JobExecutionId, input.StepName, name, spec));
            }
        }

        return new StepPlan(false, runs);
    }

    /// <summary>
    /// Returns a partition of the execution being restarted, first marking it FAILED when it still claims to run: a late
    /// run of it (an activity of the recovered orchestration, still at work) then fails its next checkpoint on the
    /// changed version instead of committing past the state this restart resumes from.
    /// </summary>
    private async Task<StepExecution?> FenceAsync(string executionId, string name)
    {
        while (true)
        {
            var earlier = await repository.GetStepExecutionAsync(executionId, name).ConfigureAwait(false);
            if (earlier?.Status is not (BatchStatus.Starting or BatchStatus.Started or BatchStatus.Stopping))
            {
                return earlier;
            }

            earlier.Status = BatchStatus.Failed;
            earlier.ExitStatus = ExitStatus.Failed.AddExitDescription("recovered: its job execution was restarted");
            earlier.EndedAt = earlier.LastUpdatedAt = time.GetUtcNow();
            try
            {
                await repository.SaveStepExecutionAsync(earlier).ConfigureAwait(false);
                return earlier;
            }
            catch (JobRepositoryConcurrencyException)
            {
                // A late run committed a chunk meanwhile: fence the state it left.
            }
        }
    }

    private async Task SaveIfAbsentAsync(StepExecution stepExecution)
    {
        try
        {
            await repository.SaveStepExecutionAsync(stepExecution).ConfigureAwait(false);
        }
        catch (JobRepositoryConcurrencyException)
        {
            // Created by an earlier run of this activity: keep it.
        }
    }
}
