using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>Makes deciders from delegates, synchronous or asynchronous.</summary>
public static class JobExecutionDecider
{
    /// <summary>Makes a decider from a synchronous function.</summary>
    /// <param name="decide">Returns the outcome from the job execution and the last step execution (or null).</param>
    /// <returns>The decider.</returns>
    public static IJobExecutionDecider Create(Func<JobExecution, StepExecution?, FlowExecutionStatus> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return new DelegateJobExecutionDecider((job, step, _) => ValueTask.FromResult(decide(job, step)));
    }

    /// <summary>Makes a decider from an asynchronous function.</summary>
    /// <param name="decide">Returns the outcome from the job execution and the last step execution (or null).</param>
    /// <returns>The decider.</returns>
    public static IJobExecutionDecider Create(Func<JobExecution, StepExecution?, CancellationToken, ValueTask<FlowExecutionStatus>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return new DelegateJobExecutionDecider(decide);
    }
}
