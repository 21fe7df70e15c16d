using System.Globalization;
using Azure;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Owns control queues through blob leases (<c>&lt;hub&gt;-leases/control-NN</c>) and balances them across the
/// workers that are alive (each writes a heartbeat blob under <c>workers/</c>).
/// </summary>
/// <remarks>
/// A partition is processed only while its lease is held, so one process at a time applies an instance's messages.
/// A dead owner stops renewing; its leases expire within <see cref="DurableTaskWorkerOptions.LeasePeriod"/> and the
/// survivors acquire them. A worker with more than its share releases the surplus for newcomers. Graceful shutdown
/// releases every lease at once.
/// </remarks>
internal sealed class PartitionManager(
    TaskHubStorage storage,
    DurableTaskWorkerOptions options,
    Func<int, CancellationToken, Task> runPartition,
    ILogger logger)
{
    private readonly Dictionary<int, OwnedPartition> _owned = [];

    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (_owned)
            {
                return [.. _owned.Keys];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var count = storage.Hub.ControlQueues.Count;
        await EnsureLeaseBlobsAsync(count, cancellationToken).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync(count, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException)
                {
                    Logs.LoopFailed(logger, "partition leases", e.Message);
                }

                try
                {
                    await Task.Delay(options.LeaseRenewInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await ReleaseAllAsync().ConfigureAwait(false);
        }
    }

    private static string LeaseBlobName(int partition) => "control-" + partition.ToString("D2", CultureInfo.InvariantCulture);

    private string HeartbeatBlobName => "workers/" + options.WorkerId;

    private async Task EnsureLeaseBlobsAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            try
            {
                await storage.Hub.Leases.GetBlobClient(LeaseBlobName(i)).UploadAsync(
                    BinaryData.Empty,
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Exists already (possibly leased).
            }
        }
    }

    private async Task BalanceAsync(int count, CancellationToken cancellationToken)
    {
        await storage.Hub.Leases.GetBlobClient(HeartbeatBlobName).UploadAsync(BinaryData.FromString(options.WorkerId), cancellationToken: cancellationToken).ConfigureAwait(false);
        await RenewOwnedAsync(cancellationToken).ConfigureAwait(false);

        var alive = 0;
        var cutoff = storage.Time.GetUtcNow() - (options.LeasePeriod * 2);
        await foreach (var worker in storage.Hub.Leases.GetBlobsAsync("workers/", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (worker.Properties.LastModified >= cutoff)
            {
                alive++;
            }
        }

        var target = (int)Math.Ceiling(count / (double)Math.Max(1, alive));
        var owned = OwnedPartitions.Order().ToList();
        foreach (var surplus in owned.Skip(target).Reverse())
        {
            await ReleaseAsync(surplus).ConfigureAwait(false);
        }

        for (var partition = 0; partition < count && OwnedPartitions.Count < target; partition++)
        {
            if (!OwnedPartitions.Contains(partition))
            {
                await TryAcquireAsync(partition, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RenewOwnedAsync(CancellationToken cancellationToken)
    {
        foreach (var partition in OwnedPartitions)
        {
            OwnedPartition owned;
            lock (_owned)
            {
                owned = _owned[partition];
            }

            try
            {
                await owned.Lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                Logs.PartitionLost(logger, options.WorkerId, partition, e.ErrorCode ?? e.Status.ToString(CultureInfo.InvariantCulture));
                await StopAsync(partition, owned).ConfigureAwait(false);
            }
        }
    }

    private async Task TryAcquireAsync(int partition, CancellationToken cancellationToken)
    {
        var lease = storage.Hub.Leases.GetBlobClient(LeaseBlobName(partition))
            .GetBlobLeaseClient(DeterministicIds.LeaseId(options.WorkerId, LeaseBlobName(partition)));
        try
        {
            await lease.AcquireAsync(options.LeasePeriod, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return; // Someone else holds it.
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Task.Run(() => runPartition(partition, stop.Token), CancellationToken.None);
        lock (_owned)
        {
            _owned[partition] = new OwnedPartition(lease, stop, run);
        }

        Logs.PartitionAcquired(logger, options.WorkerId, partition);
    }

    private async Task ReleaseAsync(int partition)
    {
        OwnedPartition? owned;
        lock (_owned)
        {
            _owned.TryGetValue(partition, out owned);
        }

        if (owned is null)
        {
            return;
        }

        await StopAsync(partition, owned).ConfigureAwait(false);

        // Logged before the lease goes: from here on this process applies nothing from the partition.
        Logs.PartitionReleased(logger, options.WorkerId, partition);
        try
        {
            await owned.Lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Expired or taken already.
        }
    }

    private async Task StopAsync(int partition, OwnedPartition owned)
    {
        lock (_owned)
        {
            _owned.Remove(partition);
        }

        await owned.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await owned.Run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        owned.Stop.Dispose();
    }

    private async Task ReleaseAllAsync()
    {
        foreach (var partition in OwnedPartitions)
        {
            await ReleaseAsync(partition).ConfigureAwait(false);
        }

        try
        {
            await storage.Hub.Leases.GetBlobClient(HeartbeatBlobName).DeleteIfExistsAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // A stale heartbeat ages out by itself.
        }
    }

    private sealed record OwnedPartition(BlobLeaseClient Lease, CancellationTokenSource Stop, Task Run);
}
