using Azure.Storage.Blobs;
using Conveyor.Api.Uploads;
using Conveyor.Batch.Execution;
using Conveyor.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Conveyor.Functions.Triggers;

/// <summary>
/// Starts the jobs that trigger on uploads to the <c>uploads</c> container, once per blob version, through the same
/// start-once path as the server's poller and the upload route (<see cref="BlobUploadTrigger.OnBlobAsync"/>).
/// </summary>
/// <remarks>
/// The trigger's source is Event Grid, the one the Flex Consumption plan runs (see <c>infra/</c> for the subscription).
/// A delivery twice for one version starts one execution; a start that failed throws, so the host delivers it again.
/// </remarks>
/// <param name="uploads">The upload trigger.</param>
/// <param name="launchers">Makes launchers on the invocation's durable client.</param>
public sealed class UploadFunctions(BlobUploadTrigger uploads, JobLaunchers launchers)
{
    /// <summary>The blob path the trigger watches.</summary>
    public const string UploadsPath = "uploads/{name}";

    /// <summary>The storage connection setting of the trigger.</summary>
    public const string Connection = ConveyorFunctionsApplication.StorageSetting;

    /// <summary>Starts every job whose input the blob is.</summary>
    /// <param name="blob">The uploaded blob.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <param name="cancellationToken">Cancels the invocation.</param>
    /// <returns>A task that completes when each job has been started or found started.</returns>
    /// <exception cref="InvalidOperationException">A start failed; the host retries the invocation.</exception>
    [Function(nameof(StartJobsOnUpload))]
    public async Task StartJobsOnUpload(
        [BlobTrigger(UploadsPath, Connection = Connection, Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var results = await uploads.OnBlobAsync(launchers.For(client), blob.BlobContainerName, blob.Name, cancellationToken);
        if (results.FirstOrDefault(r => r.Outcome == BlobStartOutcome.Failed) is { } failed)
        {
            throw new InvalidOperationException($"Starting the job of blob '{blob.Name}' failed ({failed.Detail}); the invocation is retried.");
        }
    }
}
