using System.Text.Json;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Receives the messages of one owned control queue and runs one session per instance at a time; messages for an
/// instance that arrive while its session runs are applied together in its next episode (fan-in batching).
/// </summary>
internal sealed class ControlQueueDispatcher(
    QueueClient queue,
    TaskHubStorage storage,
    OrchestrationSessionProcessor processor,
    PoisonMessages poison,
    SemaphoreSlim episodeSlots,
    DurableTaskWorkerOptions options,
    ILogger logger)
{
    private const int MaxBufferedMessages = 2_000;
    private readonly Dictionary<string, List<ReceivedMessage>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Task> _sessions = [];
    private int _buffered;

    /// <summary>Polls until the partition is released or the worker stops, then waits for running sessions.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var signal = storage.SignalFor(queue);
        var idleDelay = TimeSpan.FromMilliseconds(10);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _buffered) >= MaxBufferedMessages)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var received = (await queue.ReceiveMessagesAsync(32, options.ControlMessageVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(idleDelay, cancellationToken).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                idleDelay = TimeSpan.FromMilliseconds(10);
                foreach (var raw in received)
                {
                    await AcceptAsync(raw, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
            {
                Logs.LoopFailed(logger, queue.Name, e.Message);
                await Task.Delay(options.MaxPollingInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }

        Task[] running;
        lock (_gate)
        {
            running = [.. _sessions];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task AcceptAsync(QueueMessage raw, CancellationToken cancellationToken)
    {
        TaskMessage message;
        try
        {
            message = await storage.Codec.DecodeAsync(raw.MessageText, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await poison.SetAsideAsync(queue, raw, null, "The message is not a task message: " + e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (raw.DequeueCount > options.MaxDequeueCount)
        {
            await poison.SetAsideAsync(queue, raw, message, "its episode kept failing", cancellationToken).ConfigureAwait(false);
            return;
        }

        var item = new ReceivedMessage(queue, raw, message);
        lock (_gate)
        {
            _buffered++;
            if (!_pending.TryGetValue(message.InstanceId, out var list))
            {
                _pending[message.InstanceId] = list = [];
            }

            list.Add(item);
            if (_running.Add(message.InstanceId))
            {
                var session = Task.Run(() => RunSessionAsync(message.InstanceId), CancellationToken.None);
                _sessions.Add(session);
                _ = session.ContinueWith(
                    t =>
                    {
                        lock (_gate)
                        {
                            _sessions.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    private async Task RunSessionAsync(string instanceId)
    {
        while (true)
        {
            List<ReceivedMessage> batch;
            lock (_gate)
            {
                if (!_pending.Remove(instanceId, out batch!) || batch.Count == 0)
                {
                    _running.Remove(instanceId);
                    return;
                }

                _buffered -= batch.Count;
            }

            await episodeSlots.WaitAsync().ConfigureAwait(false);
            try
            {
                var deferred = await processor.ProcessAsync(instanceId, batch.Select(m => m.Message).ToList(), CancellationToken.None).ConfigureAwait(false);
                var later = deferred.ToHashSet();
                await Task.WhenAll(batch.Select(m => later.Contains(m.Message)
                    ? m.ReleaseAsync(TimeSpan.FromSeconds(1), CancellationToken.None)
                    : m.DeleteAsync(CancellationToken.None))).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A conflict, a storage failure that outlasted the retries, or a bug: deliver the messages again soon.
                // DequeueCount grows on each delivery, so a message that always fails ends in the poison queue.
                Logs.EpisodeRetried(logger, instanceId, e.Message);
                await Task.WhenAll(batch.Select(m => m.ReleaseAsync(TimeSpan.FromSeconds(1), CancellationToken.None))).ConfigureAwait(false);
            }
            finally
            {
                episodeSlots.Release();
            }
        }
    }
}
