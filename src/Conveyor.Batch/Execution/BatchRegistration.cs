using Microsoft.DurableTask;

namespace Conveyor.Batch.Execution;

/// <summary>Registers the batch engine's orchestration and activities with a durable worker, in every host.</summary>
public static class BatchRegistration
{
    /// <summary>
    /// Adds the job orchestration and the batch activities under their function-name-safe names. The worker creates
    /// each from its services per work item, so they get <see cref="Jobs.JobRegistry"/>, <see cref="Repository.IJobRepository"/>,
    /// <see cref="TimeProvider"/> and the batch options by constructor injection.
    /// </summary>
    /// <param name="registry">The worker's registry (<c>AddTasks(r =&gt; r.AddConveyorBatch())</c>).</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddConveyorBatch(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<JobOrchestrator>(BatchTaskNames.Job)
            .AddOrchestrator<PartitionOrchestrator>(BatchTaskNames.Partition)
            .AddActivity<StartJobActivity>(BatchTaskNames.StartJob)
            .AddActivity<StartStepActivity>(BatchTaskNames.StartStep)
            .AddActivity<ExecutePartitionActivity>(BatchTaskNames.ExecutePartition)
            .AddActivity<CompleteStepActivity>(BatchTaskNames.CompleteStep)
            .AddActivity<DecideActivity>(BatchTaskNames.Decide)
            .AddActivity<CompleteJobActivity>(BatchTaskNames.CompleteJob);
    }
}
