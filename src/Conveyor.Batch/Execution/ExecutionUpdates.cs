using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;

namespace Conveyor.Batch.Execution;

/// <summary>Read-modify-write of a job execution, re-read and re-decided on every concurrent change.</summary>
internal static class ExecutionUpdates
{
    /// <summary>Applies <paramref name="change"/> (which returns false to write nothing) until it is stored.</summary>
    public static async Task<JobExecution> UpdateJobAsync(IJobRepository repository, string executionId, Func<JobExecution, bool> change, TimeProvider time, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var execution = await repository.GetJobExecutionAsync(executionId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Job execution '{executionId}' does not exist.");
            if (!change(execution))
            {
                return execution;
            }

            execution.LastUpdatedAt = time.GetUtcNow();
            try
            {
                await repository.UpdateJobExecutionAsync(execution, cancellationToken).ConfigureAwait(false);
                return execution;
            }
            catch (JobRepositoryConcurrencyException)
            {
                // Changed meanwhile (a stop request, a duplicate activity): decide again.
            }
        }
    }
}
