using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>Computes the parameters of a job's next instance from those of its last one (Spring Batch's JobParametersIncrementer).</summary>
/// <remarks>Used by <see cref="Execution.JobLauncher.StartNextInstanceAsync"/>; see <see cref="RunIdIncrementer"/>.</remarks>
public interface IJobParametersIncrementer
{
    /// <summary>Returns the next parameters.</summary>
    /// <param name="parameters">The parameters of the job's last instance (its last execution); empty when the job never ran.</param>
    /// <returns>The parameters of the next instance; their identifying ones must differ from <paramref name="parameters"/>'.</returns>
    JobParameters GetNext(JobParameters parameters);
}
