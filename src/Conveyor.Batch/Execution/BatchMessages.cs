using Conveyor.Batch.Core;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Execution;

/// <summary>Input of the job orchestration.</summary>
/// <param name="JobName">The job.</param>
/// <param name="JobExecutionId">The execution (also the orchestration's instance id).</param>
internal sealed record JobRun(string JobName, string JobExecutionId);

/// <summary>Input of the step activities.</summary>
internal sealed record StepRun(string JobName, string JobExecutionId, string StepName);

/// <summary>What the step-start activity planned.</summary>
/// <param name="Skip">The step completed in the execution this one restarts; it is not run again.</param>
/// <param name="Partitions">The partitions still to run.</param>
internal sealed record StepPlan(bool Skip, IReadOnlyList<PartitionRun> Partitions);

/// <summary>Input of the execute-partition activity.</summary>
internal sealed record PartitionRun(string JobName, string JobExecutionId, string StepName, string PartitionName, PartitionSpec Spec);

/// <summary>How a partition activity ended.</summary>
/// <param name="Status">COMPLETED, FAILED, STOPPED, or STARTED when its time budget ran out (run it again).</param>
internal sealed record PartitionOutcome(BatchStatus Status);

/// <summary>How a step ended, for the flow's transitions.</summary>
internal sealed record StepOutcome(BatchStatus Status, string ExitCode);

/// <summary>How the job ended.</summary>
internal sealed record JobOutcome(string JobExecutionId, BatchStatus Status, string ExitCode, string ExitDescription);
