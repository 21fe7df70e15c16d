using Conveyor.DurableTask.AzureStorage.TaskHub;
using Microsoft.DurableTask.Client;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Options of a Durable Task client on the Azure Storage backend: the SDK's client options and the task hub.</summary>
public sealed class AzureStorageDurableTaskClientOptions : DurableTaskClientOptions
{
    /// <summary>
    /// Gets or sets the task hub the client manages. Only the account and the hub's name matter to a client: when a worker
    /// in the same container runs the hub, the client shares the worker's engine and settings.
    /// </summary>
    public AzureStorageTaskHubOptions TaskHub { get; set; } = new();

    /// <summary>
    /// Gets or sets the longest wait between two status reads while waiting for an instance to start or complete
    /// (the wait starts at 25 ms and doubles up to it). Default 1 s: a waiter costs at most one storage read a second.
    /// </summary>
    public TimeSpan MaxStatusPollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
