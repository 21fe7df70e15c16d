using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Batch.Execution;

/// <summary>Registers the batch engine's orchestration and activities with a durable worker.</summary>
public static class BatchRegistration
{
    /// <summary>Adds the job orchestration and the batch activities; they take <see cref="JobRegistry"/>, <see cref="IJobRepository"/> and options from the worker's services.</summary>
    /// <param name="registry">The worker's registry.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddConveyorBatch(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        static TimeProvider Time(IServiceProvider sp) => sp.GetService<TimeProvider>() ?? TimeProvider.System;
        return registry
            .AddOrchestrator(BatchActivityNames.JobOrchestrator, sp => new JobOrchestrator(sp.GetRequiredService<JobRegistry>()))
            .AddActivity(BatchActivityNames.StartJob, sp => new StartJobActivity(sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), Time(sp)))
            .AddActivity(BatchActivityNames.StartStep, sp => new StartStepActivity(sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), sp, Time(sp)))
            .AddActivity(BatchActivityNames.ExecutePartition, sp => new ExecutePartitionActivity(
                sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), sp, sp.GetService<IOptions<BatchOptions>>() ?? Options.Create(new BatchOptions()), Time(sp)))
            .AddActivity(BatchActivityNames.CompleteStep, sp => new CompleteStepActivity(sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), Time(sp)))
            .AddActivity(BatchActivityNames.Decide, sp => new DecideActivity(sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), Time(sp)))
            .AddActivity(BatchActivityNames.CompleteJob, sp => new CompleteJobActivity(sp.GetRequiredService<IJobRepository>(), sp.GetRequiredService<JobRegistry>(), Time(sp)));
    }
}
