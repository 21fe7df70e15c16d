using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conveyor.DurableTask.AzureStorage.TaskHub;

/// <summary>
/// One <see cref="AzureStorageOrchestrationService"/> per task hub in a container, shared by the worker and the
/// clients on that hub, and the hub created (<c>CreateIfNotExistsAsync</c>) once before its first use.
/// </summary>
internal sealed class TaskHubServiceProvider : IDisposable
{
    private readonly Dictionary<string, TaskHubService> _services = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<WorkerTaskHub> _workerHubs;

    private readonly ILoggerFactory _loggerFactory;

    public TaskHubServiceProvider(IEnumerable<WorkerTaskHub> workerHubs, ILoggerFactory? loggerFactory = null)
    {
        _workerHubs = [.. workerHubs];
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Returns the hub's engine, creating it (and the hub in storage) on first use.</summary>
    /// <param name="options">The hub; when a worker in this container runs the same hub, its options are used instead.</param>
    /// <param name="cancellationToken">Stops waiting for the hub's creation.</param>
    public async Task<AzureStorageOrchestrationService> GetAsync(AzureStorageTaskHubOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = KeyOf(options);
        TaskHubService service;
        lock (_services)
        {
            if (!_services.TryGetValue(key, out service!))
            {
                var chosen = _workerHubs.Select(h => h.Options()).FirstOrDefault(h => KeyOf(h) == key) ?? options;
                service = new TaskHubService(new AzureStorageOrchestrationService(ToSettings(chosen, _loggerFactory)));
                _services.Add(key, service);
                Logs.TaskHubServiceCreated(_loggerFactory.CreateLogger<TaskHubServiceProvider>(), chosen.TaskHubName, chosen.WorkerId, chosen.PartitionCount);
            }
        }

        await service.Created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return service.Engine;
    }

    /// <summary>Maps the options onto the engine's settings.</summary>
    /// <param name="options">The hub's options.</param>
    /// <param name="loggerFactory">Where the engine logs.</param>
    /// <returns>The settings.</returns>
    public static AzureStorageOrchestrationServiceSettings ToSettings(AzureStorageTaskHubOptions options, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = options.TaskHubName,
        StorageAccountClientProvider = ClientsOf(options),
        PartitionCount = options.PartitionCount,
        ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        LeaseInterval = options.LeaseInterval,
        LeaseRenewInterval = options.LeaseRenewInterval,
        LeaseAcquireInterval = options.LeaseAcquireInterval,
        ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
        UseTablePartitionManagement = options.UseTablePartitionManagement,
        UseAppLease = options.UseAppLease,
        WorkerId = options.WorkerId,
        LoggerFactory = loggerFactory,

        // Without it the engine silently ignores a start for an id that is already running; the SDK's callers expect an error.
        ThrowExceptionOnInvalidDedupeStatus = true,
    };

    private static StorageAccountClientProvider ClientsOf(AzureStorageTaskHubOptions options)
    {
        T Configured<T>(T clientOptions)
            where T : Azure.Core.ClientOptions
        {
            options.ConfigureClientOptions?.Invoke(clientOptions);
            return clientOptions;
        }

        return options.ConnectionString is { Length: > 0 } connectionString
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Configured(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connectionString, Configured(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(connectionString, Configured(new TableClientOptions())))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(options.BlobServiceUri!, options.Credential!, Configured(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(options.QueueServiceUri!, options.Credential!, Configured(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(options.TableServiceUri!, options.Credential!, Configured(new TableClientOptions())));
    }

    public void Dispose()
    {
        List<TaskHubService> services;
        lock (_services)
        {
            services = [.. _services.Values];
            _services.Clear();
        }

        foreach (var service in services)
        {
            service.Engine.Dispose();
        }
    }

    // The account (connection string or blob endpoint) and the hub name; held in memory only, never logged.
    private static string KeyOf(AzureStorageTaskHubOptions options) =>
        (options.ConnectionString ?? options.BlobServiceUri?.AbsoluteUri) + "|" + options.TaskHubName.ToUpperInvariant();

    private sealed class TaskHubService(AzureStorageOrchestrationService engine)
    {
        public AzureStorageOrchestrationService Engine { get; } = engine;

        public Lazy<Task> Created { get; } = new(engine.CreateIfNotExistsAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }
}
