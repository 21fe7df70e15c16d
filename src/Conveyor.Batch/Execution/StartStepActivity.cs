using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Conveyor.Durable;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Plans a step: skips it when it completed in the execution being restarted, otherwise creates the step's and its
/// partitions' StepExecutions — on restart reusing the earlier partition plan and each partition's last checkpoint,
/// and leaving out partitions that completed.
/// </summary>
/// <remarks>Idempotent: a second run finds the plan it stored and returns it.</remarks>
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

        var previous = execution.RestartOf is { } restartOf
            ? await repository.GetStepExecutionAsync(restartOf, input.StepName).ConfigureAwait(false)
            : null;
        if (previous?.Status == BatchStatus.Completed && !step.AllowStartIfComplete)
        {
            return new StepPlan(true, []);
        }

        var specs = previous is not null && previous.Status != BatchStatus.Completed
            ? ReadPlan(previous)
            : step.Partitioner is { } partitioner
                ? await partitioner.PartitionAsync(execution.Parameters, services, context.CancellationToken).ConfigureAwait(false)
                : [PartitionSpec.Whole];

        var now = time.GetUtcNow();
        foreach (var spec in specs)
        {
            var name = PartitionName(input.StepName, spec.Index);
            var earlier = execution.RestartOf is { } restarted ? await repository.GetStepExecutionAsync(restarted, name).ConfigureAwait(false) : null;
            var partition = new StepExecution
            {
                JobExecutionId = input.JobExecutionId,
                StepName = name,
                Status = earlier?.Status == BatchStatus.Completed && !step.AllowStartIfComplete ? BatchStatus.Completed : BatchStatus.Starting,
                ExitStatus = earlier?.Status == BatchStatus.Completed && !step.AllowStartIfComplete ? ExitStatus.Completed.AddExitDescription("completed in the restarted execution") : ExitStatus.Executing,
                ExecutionContextJson = step.AllowStartIfComplete && earlier?.Status == BatchStatus.Completed ? null : earlier?.ExecutionContextJson,
                BytesRead = earlier?.BytesRead ?? 0,
                BytesTotal = earlier?.BytesTotal,
                LastUpdatedAt = now,
            };
            await SaveIfAbsentAsync(partition).ConfigureAwait(false);
        }

        var plan = new ExecutionContext();
        plan.Put(PartitionsKey, specs);
        var aggregate = new StepExecution
        {
            JobExecutionId = input.JobExecutionId,
            StepName = input.StepName,
            Status = BatchStatus.Started,
            StartedAt = now,
            LastUpdatedAt = now,
            ExecutionContextJson = plan.ToJson(),
        };
        await SaveIfAbsentAsync(aggregate).ConfigureAwait(false);
        var stored = await repository.GetStepExecutionAsync(input.JobExecutionId, input.StepName).ConfigureAwait(false);
        return await PlanFromAsync(input, stored!).ConfigureAwait(false);
    }

    internal static string PartitionName(string stepName, int index) => $"{stepName}:partition{index}";

    internal static IReadOnlyList<PartitionSpec> ReadPlan(StepExecution aggregate) =>
        ExecutionContext.FromJson(aggregate.ExecutionContextJson).Get<List<PartitionSpec>>(PartitionsKey) ?? [PartitionSpec.Whole];

    private async Task<StepPlan> PlanFromAsync(StepRun input, StepExecution aggregate)
    {
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
