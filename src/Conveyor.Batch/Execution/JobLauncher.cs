using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Starts, stops, restarts and abandons job executions. Starting records the execution and schedules its
/// orchestration, then returns at once: the caller never waits for the job.
/// </summary>
public sealed class JobLauncher(JobRegistry jobs, IJobRepository repository, DurableTaskClient client, TimeProvider time)
{
    /// <summary>Starts a job (or restarts its instance when the last execution failed or stopped).</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new execution (STARTING).</returns>
    /// <exception cref="NoSuchJobException">No such job.</exception>
    /// <exception cref="JobParametersInvalidException">Parameters are missing or unknown; the message names each.</exception>
    /// <exception cref="JobExecutionAlreadyRunningException">The instance is running.</exception>
    /// <exception cref="JobInstanceAlreadyCompleteException">The instance completed.</exception>
    public async Task<JobExecution> RunAsync(string jobName, JobParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var job = jobs.Get(jobName);
        if (job.Validator?.Validate(parameters) is { Count: > 0 } problems)
        {
            throw new JobParametersInvalidException(problems);
        }

        var executionId = Guid.NewGuid().ToString("N");
        JobExecution execution;
        try
        {
            (_, execution) = await repository.CreateJobExecutionAsync(job.Name, parameters, executionId, job.Restartable, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JobExecutionAlreadyRunningException)
        {
            // Checked only on conflict, so an ordinary start pays nothing for it: when the running execution is an
            // orphan (its orchestration has ended), it is FAILED now and the instance starts again.
            if (!await RecoverOrphanAsync(job.Name, parameters, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            (_, execution) = await repository.CreateJobExecutionAsync(job.Name, parameters, executionId, job.Restartable, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            BatchTaskNames.Job, new JobRun(job.Name, executionId), new StartOrchestrationOptions(executionId), cancellationToken).ConfigureAwait(false);
        return execution;
    }

    /// <summary>
    /// Starts the job's next instance (Spring Batch's JobOperator.startNextInstance): the job's incrementer computes the
    /// parameters from those of the job's last instance (its last execution), and <paramref name="parameters"/>, when
    /// given, are added on top (replacing parameters of the same name).
    /// </summary>
    /// <param name="jobName">The job.</param>
    /// <param name="parameters">Parameters to add or replace; may be null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new execution (STARTING).</returns>
    /// <remarks>
    /// With <see cref="RunIdIncrementer"/> the instances get run.id 1, 2, 3, …. Two concurrent calls may compute the same
    /// parameters; the second then finds the instance running (or completed) and is refused as <see cref="RunAsync"/> would.
    /// </remarks>
    /// <exception cref="NoSuchJobException">No such job.</exception>
    /// <exception cref="JobParametersIncrementerNotFoundException">The job has no incrementer.</exception>
    /// <exception cref="JobParametersInvalidException">The computed parameters are missing or unknown ones; the message names each.</exception>
    /// <exception cref="JobExecutionAlreadyRunningException">The computed instance is running.</exception>
    /// <exception cref="JobInstanceAlreadyCompleteException">The computed instance completed.</exception>
    public async Task<JobExecution> StartNextInstanceAsync(string jobName, JobParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        var job = jobs.Get(jobName);
        var incrementer = job.Incrementer ?? throw new JobParametersIncrementerNotFoundException(job.Name);
        var last = new JobParameters();
        await foreach (var instance in repository.GetJobInstancesAsync(job.Name, cancellationToken).ConfigureAwait(false))
        {
            var executions = await repository.GetJobExecutionsAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
            last = executions.OrderByDescending(e => e.CreatedAt).FirstOrDefault()?.Parameters ?? last;
            break;
        }

        var next = incrementer.GetNext(last);
        foreach (var (name, parameter) in parameters?.Values ?? new Dictionary<string, JobParameter>())
        {
            next = next.With(name, parameter);
        }

        return await RunAsync(job.Name, next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks a running execution to stop; it stops at the next checkpoint (STOPPING, then STOPPED).</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution as stored.</returns>
    public async Task<JobExecution> StopAsync(string executionId, CancellationToken cancellationToken = default) =>
        await ExecutionUpdates.UpdateJobAsync(repository, executionId, execution =>
        {
            if (!execution.IsRunning)
            {
                throw new JobExecutionNotRunningException($"Job execution '{executionId}' is {execution.Status}, not running.");
            }

            if (execution.Status == BatchStatus.Stopping)
            {
                return false;
            }

            execution.Status = BatchStatus.Stopping;
            return true;
        }, time, cancellationToken).ConfigureAwait(false);

    /// <summary>Restarts a FAILED or STOPPED execution as a new execution of the same instance.</summary>
    /// <param name="executionId">The execution to restart.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new execution.</returns>
    public async Task<JobExecution> RestartAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var execution = await repository.GetJobExecutionAsync(executionId, cancellationToken).ConfigureAwait(false)
            ?? throw new JobExecutionNotFoundException($"No job execution has the id '{executionId}'.");
        if (execution.Status is not (BatchStatus.Failed or BatchStatus.Stopped))
        {
            await RecoverOrphanAsync(execution.JobName, execution.Parameters, cancellationToken).ConfigureAwait(false);
            execution = await repository.GetJobExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? execution;
            if (execution.Status is not (BatchStatus.Failed or BatchStatus.Stopped))
            {
                throw new JobRestartException($"Job execution '{executionId}' is {execution.Status}; only FAILED or STOPPED executions can be restarted.");
            }
        }

        return await RunAsync(execution.JobName, execution.Parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a stopped or failed execution ABANDONED: it will never be restarted. Abandoning it again changes nothing.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution as stored.</returns>
    /// <exception cref="JobExecutionAlreadyRunningException">The execution is running; stop it first.</exception>
    /// <exception cref="JobInstanceAlreadyCompleteException">The execution completed: there is nothing to abandon.</exception>
    public async Task<JobExecution> AbandonAsync(string executionId, CancellationToken cancellationToken = default) =>
        await ExecutionUpdates.UpdateJobAsync(repository, executionId, execution =>
        {
            if (execution.IsRunning)
            {
                throw new JobExecutionAlreadyRunningException($"Job execution '{executionId}' is {execution.Status}; stop it before abandoning it.");
            }

            if (execution.Status == BatchStatus.Completed)
            {
                throw new JobInstanceAlreadyCompleteException($"Job execution '{executionId}' is COMPLETED; only a STOPPED or FAILED execution can be abandoned.");
            }

            if (execution.Status == BatchStatus.Abandoned)
            {
                return false;
            }

            execution.Status = BatchStatus.Abandoned;
            return true;
        }, time, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Marks the instance's last execution FAILED when it claims to run but its orchestration has ended or vanished
    /// (a worker died in a way the durable runtime could not recover, or the orchestration was terminated or purged).
    /// </summary>
    /// <returns>Whether an orphan was found and marked FAILED.</returns>
    private async Task<bool> RecoverOrphanAsync(string jobName, JobParameters parameters, CancellationToken cancellationToken)
    {
        var executions = await repository.GetJobExecutionsAsync(JobInstance.IdOf(jobName, parameters), cancellationToken).ConfigureAwait(false);
        var last = executions.Count > 0 ? executions[0] : null;
        if (last is null || !last.IsRunning)
        {
            return false;
        }

        var orchestration = await client.GetInstanceAsync(last.ExecutionId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (orchestration is not null && !orchestration.IsCompleted)
        {
            return false;
        }

        await ExecutionUpdates.UpdateJobAsync(repository, last.ExecutionId, execution =>
        {
            if (!execution.IsRunning)
            {
                return false;
            }

            execution.Status = BatchStatus.Failed;
            execution.ExitStatus = ExitStatus.Failed.AddExitDescription("recovered: its orchestration is no longer running");
            execution.EndedAt = time.GetUtcNow();
            return true;
        }, time, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
