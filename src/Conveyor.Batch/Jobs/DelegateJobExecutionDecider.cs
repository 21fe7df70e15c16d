using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>A decider that calls a function.</summary>
internal sealed class DelegateJobExecutionDecider(Func<JobExecution, StepExecution?, CancellationToken, ValueTask<FlowExecutionStatus>> decide) : IJobExecutionDecider
{
    public ValueTask<FlowExecutionStatus> DecideAsync(JobExecution jobExecution, StepExecution? stepExecution, CancellationToken cancellationToken) =>
        decide(jobExecution, stepExecution, cancellationToken);
}
