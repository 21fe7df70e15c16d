using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>
/// Chooses where a job's flow goes next from the job execution and the last step execution (Spring Batch's
/// JobExecutionDecider); wire it with <c>.Next(decider)</c> and <c>.From(decider).On("X").To(step)</c>.
/// </summary>
/// <remarks>
/// Runs in an activity, never in orchestration code: it may read storage, the clock or anything else. Its result is
/// recorded in the orchestration's history (so a replay follows the same path without calling it again) and in the job
/// execution's context under <c>batch.decision.&lt;name&gt;</c>. A decider that throws fails the job. See
/// <see cref="JobExecutionDecider"/> for deciders made from delegates.
/// </remarks>
public interface IJobExecutionDecider
{
    /// <summary>Decides.</summary>
    /// <param name="jobExecution">The job execution (read-only use).</param>
    /// <param name="stepExecution">The step execution that ran last, or null when none did (the decider starts the job, or the step was skipped on restart and never ran in this instance).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The code the transitions match.</returns>
    ValueTask<FlowExecutionStatus> DecideAsync(JobExecution jobExecution, StepExecution? stepExecution, CancellationToken cancellationToken);
}
