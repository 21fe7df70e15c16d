using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>Callbacks before and after a job execution. Every method has an empty default.</summary>
/// <remarks>
/// <para>Both run in activities (never in the orchestration), so they may do I/O. <see cref="BeforeJobAsync"/> sees the
/// execution STARTED, before its first step; <see cref="AfterJobAsync"/> sees it with its final status and exit status
/// (also when a step failed or the job stopped). Changes they make to the execution's exit status or execution
/// context are saved (an after-job listener may also change the status).</para>
/// <para>Order: before-job in registration order, after-job in reverse. A listener that throws fails the job: a failing
/// before-job listener ends the job FAILED before any step runs (after-job listeners still run); a failing after-job
/// listener turns the job FAILED (Spring Batch only logs that; here nothing would show it). The failure names the
/// callback.</para>
/// <para>Delivery is at-least-once: if the worker dies after a callback but before its result is saved, it runs again.</para>
/// </remarks>
public interface IJobExecutionListener
{
    /// <summary>Before the job's first step.</summary>
    /// <param name="jobExecution">The execution (STARTED).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task BeforeJobAsync(JobExecution jobExecution, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the job ended.</summary>
    /// <param name="jobExecution">The execution with its final status and exit status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AfterJobAsync(JobExecution jobExecution, CancellationToken cancellationToken) => Task.CompletedTask;
}
