using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Execution;

/// <summary>Input of the job orchestration.</summary>
/// <param name="JobName">The job.</param>
/// <param name="JobExecutionId">The execution (also the orchestration's instance id).</param>
internal sealed record JobRun(string JobName, string JobExecutionId);

/// <summary>What the job-start activity decided.</summary>
/// <param name="FirstNode">The step or decider the execution begins with (a stop-and-restart point, or the job's first); null when a before-job listener failed and the job ends FAILED at once.</param>
/// <param name="Flow">The flow the execution follows.</param>
internal sealed record JobStart(string? FirstNode, JobFlow Flow);

/// <summary>Input of the decide activity.</summary>
/// <param name="JobName">The job.</param>
/// <param name="JobExecutionId">The execution.</param>
/// <param name="DeciderName">The decider's name in the flow.</param>
/// <param name="LastStepName">The step that ran last in this execution, if any.</param>
internal sealed record DecisionRun(string JobName, string JobExecutionId, string DeciderName, string? LastStepName);

/// <summary>What a decider decided.</summary>
/// <param name="ExitCode">The code for the transitions; null when the decider threw (the job fails, the error is recorded).</param>
internal sealed record DecisionOutcome(string? ExitCode);

/// <summary>Input of the step activities.</summary>
internal sealed record StepRun(string JobName, string JobExecutionId, string StepName);

/// <summary>What the step-start activity planned.</summary>
/// <param name="Skip">The step completed in the execution this one restarts; it is not run again.</param>
/// <param name="Partitions">The partitions still to run.</param>
/// <param name="Failure">Set when the step failed before any partition ran (start limit exceeded, a before-step listener threw); recorded on the step execution.</param>
internal sealed record StepPlan(bool Skip, IReadOnlyList<PartitionRun> Partitions, string? Failure = null);

/// <summary>Input of the execute-partition activity.</summary>
internal sealed record PartitionRun(string JobName, string JobExecutionId, string StepName, string PartitionName, PartitionSpec Spec);

/// <summary>How a partition activity ended.</summary>
/// <param name="Status">COMPLETED, FAILED, STOPPED, or STARTED when its time budget ran out (run it again).</param>
internal sealed record PartitionOutcome(BatchStatus Status);

/// <summary>How a step ended, for the flow's transitions.</summary>
internal sealed record StepOutcome(BatchStatus Status, string ExitCode);

/// <summary>How the job ended.</summary>
/// <param name="JobExecutionId">The execution.</param>
/// <param name="Status">Its status.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="ExitDescription">Its exit description (filled in by the complete-job activity).</param>
/// <param name="RestartAt">For a stop-and-restart end: the step a restart begins at.</param>
internal sealed record JobOutcome(string JobExecutionId, BatchStatus Status, string ExitCode, string ExitDescription, string? RestartAt = null);
