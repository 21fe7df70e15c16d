namespace Conveyor.Batch.Core;

/// <summary>A logical run of a job: the job name plus its identifying parameters. Restarts are new executions of the same instance.</summary>
/// <param name="InstanceId">The id: job name and identity key.</param>
/// <param name="JobName">The job name.</param>
/// <param name="IdentityKey">The key of the identifying parameters (<see cref="JobParameters.ToIdentityKey"/>).</param>
/// <param name="CreatedAt">When the instance was first started.</param>
public sealed record JobInstance(string InstanceId, string JobName, string IdentityKey, DateTimeOffset CreatedAt)
{
    /// <summary>Returns the instance id of a job name and parameters.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string jobName, JobParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return $"{jobName}-{parameters.ToIdentityKey()}";
    }
}
