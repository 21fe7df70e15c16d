using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Microsoft.Extensions.Options;

namespace Conveyor.Api.Uploads;

/// <summary>
/// Finds new and changed input blobs of the jobs that trigger on upload and starts each version once through
/// <see cref="BlobJobStarter"/>.
/// </summary>
/// <remarks>
/// A scan lists the job's container under its prefix page by page (a fresh listing each time) and skips versions this
/// process already knows to be handled; that knowledge is seeded once from the receipts table, so after a restart
/// old blobs cost one receipts query, not one request each. Only unknown versions reach the starter.
/// </remarks>
public sealed class BlobUploadTrigger(JobRegistry registry, BlobJobStarter starter, BlobReceiptStore receipts, BlobServiceClient blobs, IOptions<BlobTriggerOptions> options, ILogger<BlobUploadTrigger> logger)
{
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _handled = new(StringComparer.Ordinal);

    /// <summary>Scans a job's input once and starts it for every version not yet handled.</summary>
    /// <param name="launcher">Starts the job.</param>
    /// <param name="job">A job whose input triggers on upload.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>How many executions this scan started.</returns>
    public async Task<int> ScanAsync(JobLauncher launcher, JobDefinition job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = job.Input ?? throw new ArgumentException($"The job '{job.Name}' declares no input.", nameof(job));
        var handled = _handled.TryGetValue(job.Name, out var known) ? known : await LoadHandledAsync(job.Name, cancellationToken).ConfigureAwait(false);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var started = 0;
        var container = blobs.GetBlobContainerClient(input.Container);
        try
        {
            var pages = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, input.Prefix, cancellationToken: cancellationToken).AsPages(pageSizeHint: options.Value.PageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var blob in page.Values)
                {
                    var etag = blob.Properties.ETag.GetValueOrDefault(); // A listing always carries it; the official model makes it optional.
                    var version = BlobTriggerParameters.Normalize(etag);
                    if (handled.TryGetValue(blob.Name, out var done) && done == version)
                    {
                        seen[blob.Name] = version;
                        continue;
                    }

                    var result = await starter.StartOnceAsync(launcher, job, blob.Name, etag, cancellationToken: cancellationToken).ConfigureAwait(false);
                    started += result.Outcome == BlobStartOutcome.Started ? 1 : 0;
                    if (result.IsHandled)
                    {
                        seen[blob.Name] = version;
                    }
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The job declares the container: make it, so files can be dropped into it.
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.InputContainerCreated(job.Name, input.Container);
        }

        // Only blobs that still exist stay known: the set never outgrows the container.
        _handled[job.Name] = seen;
        return started;
    }

    /// <summary>
    /// Starts, once for the blob's current version, every job that triggers on uploads to <paramref name="container"/>
    /// under a prefix of <paramref name="blobName"/> (an Azure Functions blob-trigger invocation).
    /// </summary>
    /// <param name="launcher">Starts the jobs.</param>
    /// <param name="container">The blob's container.</param>
    /// <param name="blobName">The blob's full name in the container.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per job the blob is input of; empty when it is no job's input or no longer exists.</returns>
    public async Task<IReadOnlyList<BlobStartResult>> OnBlobAsync(JobLauncher launcher, string container, string blobName, CancellationToken cancellationToken)
    {
        var jobs = registry.Jobs.Where(j => j.Input is { TriggerOnUpload: true } input && input.Container == container && blobName.StartsWith(input.Prefix, StringComparison.Ordinal)).ToList();
        if (jobs.Count == 0)
        {
            return [];
        }

        ETag version;
        try
        {
            // The version comes from storage, not from the invocation: it is the one a scan would see.
            var properties = await blobs.GetBlobContainerClient(container).GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            version = properties.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        var results = new List<BlobStartResult>();
        foreach (var job in jobs)
        {
            results.Add(await starter.StartOnceAsync(launcher, job, blobName, version, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<Dictionary<string, string>> LoadHandledAsync(string jobName, CancellationToken cancellationToken)
    {
        var handled = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var receipt in receipts.GetDoneAsync(jobName, cancellationToken).ConfigureAwait(false))
        {
            handled[receipt.BlobName] = receipt.BlobETag;
        }

        return handled;
    }
}
