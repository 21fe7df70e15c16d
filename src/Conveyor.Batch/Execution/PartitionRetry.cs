using Microsoft.DurableTask;

namespace Conveyor.Batch.Execution;

/// <summary>
/// How the orchestrations run a partition's activity again when it fails with an exception instead of returning an
/// outcome (storage unreachable through all of Azure.Core's retries, a bug): three attempts in all, 1 s then 2 s apart.
/// </summary>
/// <remarks>
/// Every attempt resumes from the partition's checkpoint, so a retry repeats nothing that was committed. An activity
/// that still fails ends its partition without an outcome, which the step counts as FAILED (see
/// <see cref="CompleteStepActivity"/>); a restart resumes from the checkpoint.
/// </remarks>
internal static class PartitionRetry
{
    /// <summary>The task options of every execute-partition call.</summary>
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
