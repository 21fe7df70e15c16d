using System.Collections.Concurrent;
using Conveyor.Durable.Worker;
using Conveyor.Storage.Queues;

namespace Conveyor.Durable.TaskHub;

/// <summary>The hub's resources with the stores and codec built on them; one per client or worker.</summary>
internal sealed class TaskHubStorage : IDisposable
{
    private readonly ConcurrentDictionary<string, PollingSignal> _signals = new(StringComparer.Ordinal);

    public TaskHubStorage(TaskHubOptions options, TimeProvider timeProvider)
    {
        Hub = new AzureStorageTaskHub(options);
        Payloads = new PayloadStore(Hub.LargePayloads);
        Codec = new TaskMessageCodec(Payloads);
        History = new HistoryStore(Hub.History, Payloads);
        Instances = new InstanceStore(Hub.Instances, Payloads);
        Time = timeProvider;
    }

    public AzureStorageTaskHub Hub { get; }

    public PayloadStore Payloads { get; }

    public TaskMessageCodec Codec { get; }

    public HistoryStore History { get; }

    public InstanceStore Instances { get; }

    public TimeProvider Time { get; }

    public DataConverter Converter => Hub.Converter;

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>Returns the signal that wakes this process's poller of a queue.</summary>
    public PollingSignal SignalFor(QueueClient queue) => _signals.GetOrAdd(queue.Name, _ => new PollingSignal());

    /// <summary>Sends a task message (never expiring) and wakes a local poller of that queue.</summary>
    public async Task SendAsync(QueueClient queue, TaskMessage message, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        var text = await Codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(text, visibilityDelay, QueueClient.InfiniteTimeToLive, cancellationToken).ConfigureAwait(false);
        if (visibilityDelay is null || visibilityDelay <= TimeSpan.Zero)
        {
            SignalFor(queue).Set();
        }
    }

    public void Dispose()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Dispose();
        }
    }
}
