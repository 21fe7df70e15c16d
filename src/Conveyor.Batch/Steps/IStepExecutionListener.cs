using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>Callbacks before and after a step (all its partitions). Every method has an empty default.</summary>
/// <remarks>
/// <see cref="BeforeStepAsync"/> runs when the step starts in a job execution (not when it is skipped because it
/// completed earlier); <see cref="AfterStepAsync"/> runs once all partitions ended, completed, failed or stopped, with
/// the counts summed, and may change the step's exit status — which is what the job's transitions match.
/// </remarks>
public interface IStepExecutionListener : IStepListener
{
    /// <summary>Before the step's partitions run.</summary>
    /// <param name="stepExecution">The step's execution (STARTED).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task BeforeStepAsync(StepExecution stepExecution, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the step ended.</summary>
    /// <param name="stepExecution">The step's execution with its final status, exit status and counts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A new exit status for the step, or null to keep it.</returns>
    Task<ExitStatus?> AfterStepAsync(StepExecution stepExecution, CancellationToken cancellationToken) => Task.FromResult<ExitStatus?>(null);
}
