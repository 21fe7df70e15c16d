using System.Globalization;
using Conveyor.Storage.Blobs;
using Conveyor.Storage.Pipeline;
using Conveyor.Storage.Queues;
using Conveyor.Storage.Tables;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// The storage resources of one task hub: the Instances and History tables, the control queues (one per
/// partition), the shared work-item queue, the poison queue, the lease container and the large-payload container.
/// </summary>
internal sealed class AzureStorageTaskHub
{
    public AzureStorageTaskHub(TaskHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var name = options.TaskHubName;
        var storageOptions = new StorageClientOptions();
        options.ConfigureStorageOptions?.Invoke(storageOptions);

        // Messages are JSON we write and read ourselves, so no base64 layer is needed.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        options.ConfigureStorageOptions?.Invoke(queueOptions);
        var tables = new TableServiceClient(options.ConnectionString, storageOptions);
        var blobs = new BlobServiceClient(options.ConnectionString, storageOptions);
        var queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        Instances = tables.GetTableClient(name + "Instances");
        History = tables.GetTableClient(name + "History");
        ControlQueues = Enumerable.Range(0, options.PartitionCount)
            .Select(i => queues.GetQueueClient($"{name}-control-{i.ToString("D2", CultureInfo.InvariantCulture)}"))
            .ToArray();
        WorkItems = queues.GetQueueClient(name + "-workitems");
        Poison = queues.GetQueueClient(name + "-poison");
        Leases = blobs.GetBlobContainerClient(name + "-leases");
        LargePayloads = blobs.GetBlobContainerClient(name + "-large");
    }

    public TaskHubOptions Options { get; }

    public DataConverter Converter => Options.DataConverter;

    public TableClient Instances { get; }

    public TableClient History { get; }

    public IReadOnlyList<QueueClient> ControlQueues { get; }

    public QueueClient WorkItems { get; }

    public QueueClient Poison { get; }

    public BlobContainerClient Leases { get; }

    public BlobContainerClient LargePayloads { get; }

    /// <summary>Returns the partition (control queue index) of an instance: a stable FNV-1a hash of its id.</summary>
    public int PartitionOf(string instanceId)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)ControlQueues.Count);
    }

    /// <summary>Returns the control queue of an instance.</summary>
    public QueueClient ControlQueueOf(string instanceId) => ControlQueues[PartitionOf(instanceId)];

    /// <summary>Creates every table, queue and container that is missing (idempotent).</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var creations = new List<Task>
        {
            Instances.CreateIfNotExistsAsync(cancellationToken),
            History.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken),
            Poison.CreateIfNotExistsAsync(cancellationToken),
            Leases.CreateIfNotExistsAsync(cancellationToken),
            LargePayloads.CreateIfNotExistsAsync(cancellationToken),
        };
        creations.AddRange(ControlQueues.Select(q => (Task)q.CreateIfNotExistsAsync(cancellationToken)));
        await Task.WhenAll(creations).ConfigureAwait(false);
    }
}
