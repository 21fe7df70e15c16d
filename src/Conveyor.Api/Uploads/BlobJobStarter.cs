using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Microsoft.Extensions.Options;

namespace Conveyor.Api.Uploads;

/// <summary>
/// Starts a job once per version of an input blob: the one path shared by the server's polling trigger, the Azure Functions
/// blob trigger and (for jobs that trigger on upload) the upload endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Exactly-once comes from the JobInstance identity: the job starts with <see cref="BlobTriggerParameters.For"/>
/// (blob name and ETag, both identifying), and the instance is looked up before a start, so a version whose instance
/// exists is never started again — whoever started it. Two concurrent starts of one version meet in the repository,
/// which lets one create the execution and refuses the other (already running), which counts as handled.
/// </para>
/// <para>
/// The receipt keeps scans cheap and serializes pollers: a caller claims the version first (guarded insert or
/// If-Match update), starts, then marks the receipt Started. A caller that dies between its claim and its mark
/// leaves a Starting receipt; once it is older than <see cref="BlobTriggerOptions.ClaimTimeout"/> another caller
/// takes the claim over, finds the instance (if the start got through) and only marks the receipt — the receipt is
/// never written as Started before the start succeeded, and a stale claim is re-checked against the repository.
/// </para>
/// </remarks>
public sealed class BlobJobStarter(
    IJobRepository repository,
    BlobReceiptStore receipts,
    IOptions<BlobTriggerOptions> options,
    TimeProvider time,
    ILogger<BlobJobStarter> logger)
{
    private readonly string _owner = Guid.NewGuid().ToString("N");

    /// <summary>Starts <paramref name="job"/> for a blob version unless that version's instance already exists.</summary>
    /// <param name="launcher">Starts the job (on the caller's durable client).</param>
    /// <param name="job">A job that declares an input.</param>
    /// <param name="blobName">The blob's full name in the job's input container.</param>
    /// <param name="etag">The version.</param>
    /// <param name="extraParameters">
    /// More parameters for the execution (the upload endpoint's <c>param.&lt;k&gt;</c> values); they are made
    /// non-identifying, so the instance stays the blob version's whoever starts it.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    public async Task<BlobStartResult> StartOnceAsync(
        JobLauncher launcher,
        JobDefinition job, string blobName, ETag etag, IReadOnlyDictionary<string, JobParameter>? extraParameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = job.Input ?? throw new ArgumentException($"The job '{job.Name}' declares no input.", nameof(job));
        var parameters = BlobTriggerParameters.For(input, blobName, etag);
        foreach (var (name, extra) in extraParameters ?? new Dictionary<string, JobParameter>())
        {
            if (!parameters.Values.ContainsKey(name))
            {
                parameters = parameters.With(name, extra with { Identifying = false });
            }
        }

        var version = BlobTriggerParameters.Normalize(etag);
        var instanceId = JobInstance.IdOf(job.Name, parameters);

        var receipt = await receipts.GetAsync(job.Name, blobName, cancellationToken).ConfigureAwait(false);
        if (receipt is not null && receipt.BlobETag == version)
        {
            if (receipt.IsDone)
            {
                return new BlobStartResult(receipt.Status == BlobReceipt.Rejected ? BlobStartOutcome.Rejected : BlobStartOutcome.AlreadyStarted, instanceId, Detail: receipt.Detail);
            }

            if (time.GetUtcNow() - receipt.ClaimedAt < options.Value.ClaimTimeout)
            {
                return new BlobStartResult(BlobStartOutcome.ClaimedElsewhere, instanceId);
            }
        }

        var claim = await receipts.TryClaimAsync(receipt, job.Name, blobName, version, _owner, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return new BlobStartResult(BlobStartOutcome.ClaimedElsewhere, instanceId);
        }

        BlobStartResult result;
        try
        {
            result = await StartAsync(launcher, job, blobName, parameters, instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException or JobRepositoryConcurrencyException)
        {
            logger.BlobStartFailed(e, job.Name, blobName);
            await receipts.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            return new BlobStartResult(BlobStartOutcome.Failed, instanceId, Detail: e.Message);
        }

        var status = result.Outcome == BlobStartOutcome.Rejected ? BlobReceipt.Rejected : BlobReceipt.Started;
        if (!await receipts.TryCompleteAsync(claim, status, instanceId, result.Detail, CancellationToken.None).ConfigureAwait(false))
        {
            logger.BlobClaimTakenOver(job.Name, blobName);
        }

        return result;
    }

    private async Task<BlobStartResult> StartAsync(JobLauncher launcher, JobDefinition job, string blobName, JobParameters parameters, string instanceId, CancellationToken cancellationToken)
    {
        if (await repository.GetJobInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new BlobStartResult(BlobStartOutcome.AlreadyStarted, instanceId);
        }

        try
        {
            var execution = await launcher.RunAsync(job.Name, parameters, cancellationToken).ConfigureAwait(false);
            logger.BlobJobStarted(job.Name, blobName, execution.ExecutionId);
            return new BlobStartResult(BlobStartOutcome.Started, instanceId, execution);
        }
        catch (Exception e) when (e is JobExecutionAlreadyRunningException or JobInstanceAlreadyCompleteException or JobRestartException)
        {
            return new BlobStartResult(BlobStartOutcome.AlreadyStarted, instanceId);
        }
        catch (JobParametersInvalidException e)
        {
            logger.BlobJobRejected(job.Name, blobName, e.Message);
            return new BlobStartResult(BlobStartOutcome.Rejected, instanceId, Detail: e.Message);
        }
    }
}
