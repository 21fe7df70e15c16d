using Azure;
using Conveyor.Batch.Core;

namespace Conveyor.Batch.Repository;

/// <summary>
/// Where job instances, job and step executions, their saved state and skipped records live (Spring Batch's JobRepository).
/// </summary>
/// <remarks>
/// Every change is guarded by the stored row's version (ETag): an update from stale state fails with
/// <see cref="JobRepositoryConcurrencyException"/> and the caller re-reads; nothing is overwritten blindly.
/// </remarks>
public interface IJobRepository
{
    /// <summary>Creates the tables if they are missing.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a new execution of the job instance named by <paramref name="jobName"/> and the identifying
    /// <paramref name="parameters"/>, creating the instance on first use.
    /// </summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="executionId">The new execution's id.</param>
    /// <param name="restartable">Whether a FAILED or STOPPED last execution may be followed by a new one (false = preventRestart).</param>
    /// <param name="allowStartIfComplete">Whether a COMPLETED instance may run again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance and the new execution (status STARTING). When the last execution was FAILED or STOPPED, <see cref="JobExecution.RestartOf"/> names it.</returns>
    /// <exception cref="JobExecutionAlreadyRunningException">An execution of the instance is running.</exception>
    /// <exception cref="JobInstanceAlreadyCompleteException">The instance completed and <paramref name="allowStartIfComplete"/> is false.</exception>
    /// <exception cref="JobRestartException">The last execution failed or stopped and <paramref name="restartable"/> is false, or it was abandoned.</exception>
    Task<(JobInstance Instance, JobExecution Execution)> CreateJobExecutionAsync(
        string jobName, JobParameters parameters, string executionId, bool restartable = true, bool allowStartIfComplete = false, CancellationToken cancellationToken = default);

    /// <summary>Returns a job instance, or null.</summary>
    Task<JobInstance?> GetJobInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Returns a job execution, or null.</summary>
    Task<JobExecution?> GetJobExecutionAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>Saves a job execution; sets <see cref="JobExecution.Version"/> to the new version.</summary>
    /// <exception cref="JobRepositoryConcurrencyException">The stored execution changed since it was read.</exception>
    Task UpdateJobExecutionAsync(JobExecution execution, CancellationToken cancellationToken = default);

    /// <summary>Returns the executions of an instance, newest first.</summary>
    Task<IReadOnlyList<JobExecution>> GetJobExecutionsAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Returns a step execution, or null.</summary>
    Task<StepExecution?> GetStepExecutionAsync(string jobExecutionId, string stepName, CancellationToken cancellationToken = default);

    /// <summary>Returns the step executions of a job execution, in the order they started.</summary>
    Task<IReadOnlyList<StepExecution>> GetStepExecutionsAsync(string jobExecutionId, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates a step execution (with its saved state); sets <see cref="StepExecution.Version"/>.</summary>
    /// <exception cref="JobRepositoryConcurrencyException">The stored step execution changed since it was read.</exception>
    Task SaveStepExecutionAsync(StepExecution stepExecution, CancellationToken cancellationToken = default);

    /// <summary>Records skipped items (idempotent: the same skip recorded twice is stored once).</summary>
    Task AddSkippedItemsAsync(IEnumerable<SkippedItem> items, CancellationToken cancellationToken = default);

    /// <summary>Lists the skipped items of a job execution, by step then line.</summary>
    AsyncPageable<SkippedItem> GetSkippedItemsAsync(string jobExecutionId, CancellationToken cancellationToken = default);

    /// <summary>Finds executions by job name, status, time range and any parameter value, newest first, with paging.</summary>
    AsyncPageable<JobExecution> FindJobExecutionsAsync(JobExecutionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the names of jobs that have run.</summary>
    Task<IReadOnlyList<string>> GetJobNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the instances of a job, newest first.</summary>
    AsyncPageable<JobInstance> GetJobInstancesAsync(string jobName, CancellationToken cancellationToken = default);
}
