using Conveyor.Durable.TaskHub;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Runs orchestrations and activities of a task hub in this process, sharing the hub's partitions with every
/// other worker process.
/// </summary>
/// <remarks>
/// Start it as a hosted service, or call <see cref="BackgroundService.StartAsync"/> and
/// <see cref="BackgroundService.StopAsync"/> yourself. Stopping releases the partition leases so other workers take
/// over at once; running activities are canceled and delivered again elsewhere (activities are at-least-once).
/// </remarks>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly TaskHubStorage _storage;
    private readonly DurableTaskWorkerOptions _options;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private PartitionManager? _partitions;

    /// <summary>Initializes a new instance of the <see cref="DurableTaskWorker"/> class.</summary>
    /// <param name="hubOptions">The task hub.</param>
    /// <param name="options">Concurrency, leases and polling.</param>
    /// <param name="registry">The orchestrators and activities this worker runs.</param>
    /// <param name="services">Creates activities and orchestrators with their dependencies.</param>
    /// <param name="loggerFactory">Logging; optional.</param>
    /// <param name="timeProvider">The clock; optional.</param>
    public DurableTaskWorker(
        TaskHubOptions hubOptions,
        DurableTaskWorkerOptions options,
        DurableTaskRegistry registry,
        IServiceProvider services,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        _storage = new TaskHubStorage(hubOptions, timeProvider ?? TimeProvider.System);
        _options = options;
        _registry = registry;
        _services = services;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<DurableTaskWorker>();
    }

    /// <summary>Gets the partitions this worker owns now (for diagnostics and tests).</summary>
    public IReadOnlyCollection<int> OwnedPartitions => _partitions?.OwnedPartitions ?? [];

    /// <summary>
    /// Wakes this worker's idle poller of a task hub queue at once (when something outside the worker, such as an Azure
    /// Functions queue trigger, learns that a message has arrived). Unknown queue names are ignored.
    /// </summary>
    /// <param name="queueName">The name of a control queue or of the work-item queue.</param>
    /// <returns>Whether the name is one of this hub's queues.</returns>
    public bool WakeQueuePoller(string queueName)
    {
        var queue = _storage.Hub.ControlQueues.Append(_storage.Hub.WorkItems).FirstOrDefault(q => string.Equals(q.Name, queueName, StringComparison.OrdinalIgnoreCase));
        if (queue is null)
        {
            return false;
        }

        TaskHubStorage.SignalFor(queue).Set();
        return true;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _storage.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _storage.Hub.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
        var poison = new PoisonMessages(_storage, _logger);
        using var episodeSlots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
        using var activitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities);
        var invoker = new ActivityInvoker(_storage, _registry, _services, _logger);
        var localActivities = new LocalActivities(_storage, invoker, _registry, activitySlots, _options, _logger, stoppingToken);
        var processor = new OrchestrationSessionProcessor(_storage, new OutboundMessages(_storage, localActivities), _registry, _services, _loggerFactory);
        _partitions = new PartitionManager(
            _storage,
            _options,
            (partition, token) => new ControlQueueDispatcher(partition, _storage, processor, localActivities, poison, episodeSlots, _options, _logger).RunAsync(token),
            _logger);
        var activities = new ActivityDispatcher(_storage, invoker, activitySlots, poison, _options, _logger);
        try
        {
            await Task.WhenAll(_partitions.RunAsync(stoppingToken), activities.RunAsync(stoppingToken)).ConfigureAwait(false);
        }
        finally
        {
            await localActivities.WhenIdleAsync().ConfigureAwait(false);
        }
    }
}
