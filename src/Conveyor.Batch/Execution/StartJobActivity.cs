using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Durable;

namespace Conveyor.Batch.Execution;

/// <summary>Marks a job execution STARTED and returns the step it begins with.</summary>
/// <remarks>Idempotent: running it again on an execution already started changes nothing.</remarks>
internal sealed class StartJobActivity(IJobRepository repository, JobRegistry jobs, TimeProvider time) : TaskActivity<JobRun, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, JobRun input)
    {
        var job = jobs.Get(input.JobName);
        await ExecutionUpdates.UpdateJobAsync(repository, input.JobExecutionId, execution =>
        {
            if (execution.Status != BatchStatus.Starting)
            {
                return false;
            }

            execution.Status = BatchStatus.Started;
            execution.StartedAt = time.GetUtcNow();
            execution.ExitStatus = ExitStatus.Executing;
            return true;
        }, time).ConfigureAwait(false);
        return job.Steps[0].Name;
    }
}
