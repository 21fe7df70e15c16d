using Conveyor.Api.Uploads;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Microsoft.Extensions.Options;

namespace Conveyor.Server.Triggers;

/// <summary>
/// Self-hosted blob-upload trigger: every <see cref="BlobTriggerOptions.PollingInterval"/> scans the input of each
/// registered job that triggers on upload. Any number of app instances may poll the same storage: a blob version
/// starts its job once (see <see cref="BlobJobStarter"/>).
/// </summary>
internal sealed class BlobTriggerPoller(
    JobRegistry registry, JobLauncher launcher, BlobUploadTrigger trigger, IOptions<BlobTriggerOptions> options, TimeProvider time, ILogger<BlobTriggerPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var jobs = registry.Jobs.Where(j => j.Input is { TriggerOnUpload: true }).ToList();
        if (!settings.Enabled || jobs.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var job in jobs)
            {
                try
                {
                    await trigger.ScanAsync(launcher, job, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    // One job's failing scan (storage down, a name the repository refuses) must not stop the others or the host.
                    logger.BlobScanFailed(e, job.Name);
                }
            }

            await Task.Delay(settings.PollingInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }
}
