using Conveyor.Batch.Core;

namespace Conveyor.Api.Uploads;

/// <summary>The result of starting a job for a blob version once.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="JobInstanceId">The job instance of the blob version.</param>
/// <param name="Execution">The execution this call started, when <see cref="BlobStartOutcome.Started"/>.</param>
/// <param name="Detail">Why, when the outcome is <see cref="BlobStartOutcome.Rejected"/> or <see cref="BlobStartOutcome.Failed"/>.</param>
public sealed record BlobStartResult(BlobStartOutcome Outcome, string JobInstanceId, JobExecution? Execution = null, string? Detail = null)
{
    /// <summary>Gets a value indicating whether the version needs no more work from this process.</summary>
    public bool IsHandled => Outcome is BlobStartOutcome.Started or BlobStartOutcome.AlreadyStarted or BlobStartOutcome.Rejected;
}
