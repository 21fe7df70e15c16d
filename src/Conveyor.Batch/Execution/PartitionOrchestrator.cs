using Conveyor.Batch.Core;
using Microsoft.DurableTask;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Runs a long partition from its checkpoint, one execute-partition activity per generation: while the activity
/// returns STARTED (its time budget ran out) the orchestration continues as new, so its history stays one activity
/// long however many runs the partition takes. Its final generation's outcome is the partition's.
/// </summary>
internal sealed class PartitionOrchestrator : TaskOrchestrator<PartitionRun, PartitionOutcome>
{
    /// <summary>The instance id of a partition's orchestration: one per partition of a job execution.</summary>
    public static string InstanceId(PartitionRun partition) => $"{partition.JobExecutionId}:{partition.PartitionName}";

    public override async Task<PartitionOutcome> RunAsync(TaskOrchestrationContext context, PartitionRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = await context.CallActivityAsync<PartitionOutcome>(BatchTaskNames.ExecutePartition, input, PartitionRetry.Options).ConfigureAwait(true);
        if (outcome.Status == BatchStatus.Started)
        {
            context.ContinueAsNew(input);
        }

        return outcome;
    }
}
