using Conveyor.DurableTask.AzureStorage.TaskHub;
using Microsoft.DurableTask.Worker;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>Options of a Durable Task worker on the Azure Storage backend: the SDK's worker options and the task hub.</summary>
public sealed class AzureStorageDurableTaskWorkerOptions : DurableTaskWorkerOptions
{
    /// <summary>Gets or sets the task hub the worker runs, and the engine settings it runs it with.</summary>
    public AzureStorageTaskHubOptions TaskHub { get; set; } = new();
}
