namespace Conveyor.DurableTask.AzureStorage.TaskHub;

/// <summary>A worker registered in this container on the Azure Storage backend: its hub options, read when the hub's engine is created.</summary>
/// <param name="options">Reads the worker's current hub options.</param>
internal sealed class WorkerTaskHub(Func<AzureStorageTaskHubOptions> options)
{
    /// <summary>Gets the function that reads the worker's hub options.</summary>
    public Func<AzureStorageTaskHubOptions> Options { get; } = options;
}
