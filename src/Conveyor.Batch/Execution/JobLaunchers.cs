using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Microsoft.DurableTask.Client;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Makes a <see cref="JobLauncher"/> on a given durable client: in Azure Functions each invocation is given its client
/// (<c>[DurableClient]</c>), so the launcher cannot be a singleton there.
/// </summary>
/// <param name="jobs">The job registry.</param>
/// <param name="repository">The JobRepository.</param>
/// <param name="time">The clock.</param>
public sealed class JobLaunchers(JobRegistry jobs, IJobRepository repository, TimeProvider time)
{
    /// <summary>Returns a launcher that schedules and controls orchestrations through <paramref name="client"/>.</summary>
    /// <param name="client">The durable client.</param>
    /// <returns>The launcher.</returns>
    public JobLauncher For(DurableTaskClient client) => new(jobs, repository, client, time);
}
