using System.Collections.Concurrent;
using Conveyor.Durable.Worker;
using Conveyor.Storage.Queues;

namespace Conveyor.Durable.TaskHub;

/// <summary>The hub's resources with the stores and codec built on them; one per client or worker.</summary>
internal sealed class TaskHubStorage : IDisposable
{
    /// <summary>
    /// Signals are shared by every client and worker of the process (keyed by queue address), so that a client
    /// scheduling an instance wakes the worker that polls its control queue in the same process.
    /// </summary>
    private static readonly ConcurrentDictionary<string, PollingSignal> Signals = new(StringComparer.Ordinal);

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
    public static PollingSignal SignalFor(QueueClient queue) => Signals.GetOrAdd(queue.Uri.AbsoluteUri, _ => new PollingSignal());

    /// <summary>Sends a task message (never expiring) and wakes a poller of that queue in this process.</summary>
    public Task SendAsync(QueueClient queue, TaskMessage message, TimeSpan? visibilityDelay, CancellationToken cancellationToken) =>
        SendForReceiptAsync(queue, message, visibilityDelay, cancellationToken);

    /// <summary>As <see cref="SendAsync"/>.</summary>
    /// <returns>The message's id and the pop receipt that can delete it or extend its invisibility until someone receives it.</returns>
    public async Task<SendReceipt> SendForReceiptAsync(QueueClient queue, TaskMessage message, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        var text = await Codec.EncodeAsync(message, cancellationToken).ConfigureAwait(false);
        var receipt = await queue.SendMessageAsync(text, visibilityDelay, QueueClient.InfiniteTimeToLive, cancellationToken).ConfigureAwait(false);
        if (visibilityDelay is null || visibilityDelay <= TimeSpan.Zero)
        {
            SignalFor(queue).Set();
        }

        return receipt.Value;
    }

    public void Dispose()
    {
        // Nothing to release: the signals live as long as the process (one small semaphore per queue).
    }
}
