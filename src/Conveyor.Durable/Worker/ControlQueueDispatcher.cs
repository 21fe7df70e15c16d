using System.Text.Json;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Receives the messages of one owned control queue and runs one session per instance at a time; messages for an
/// instance that arrive while its session runs are applied together in its next episode (fan-in batching).
/// </summary>
/// <remarks>
/// Results of activities that ran in this process arrive through <see cref="TryDeliver"/> instead of the queue.
/// A batch's messages are deleted once its episode has committed, off the session's path: the next episode does not
/// wait for them (a message whose delete is lost is delivered again and found to be a duplicate).
/// </remarks>
internal sealed class ControlQueueDispatcher(
    int partition,
    TaskHubStorage storage,
    OrchestrationSessionProcessor processor,
    LocalActivities localActivities,
    PoisonMessages poison,
    SemaphoreSlim episodeSlots,
    DurableTaskWorkerOptions options,
    ILogger logger)
{
    private const int MaxBufferedMessages = 2_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly QueueClient _queue = storage.Hub.ControlQueues[partition];
    private readonly Dictionary<string, List<InboundMessage>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Task> _sessions = [];
    private int _buffered;
    private bool _closed;

    /// <summary>Polls until the partition is released or the worker stops, then waits for running sessions.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        localActivities.Attach(partition, this);
        try
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            localActivities.Detach(partition, this);
            Task[] running;
            lock (_gate)
            {
                _closed = true;
                running = [.. _sessions];
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            processor.ForgetPartition(partition);
        }
    }

    /// <summary>Queues a message for its instance's session; false once the dispatcher has stopped.</summary>
    public bool TryDeliver(InboundMessage message)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            Enqueue(message);
            return true;
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var signal = TaskHubStorage.SignalFor(_queue);
        var idle = new IdleBackoff(options.MaxPollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _buffered) >= MaxBufferedMessages)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var received = (await _queue.ReceiveMessagesAsync(32, options.ControlMessageVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(idle.Next(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                idle.Reset();
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
                Logs.LoopFailed(logger, _queue.Name, e.Message);
                await Task.Delay(options.MaxPollingInterval, CancellationToken.None).ConfigureAwait(false);
            }
        }
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
            await poison.SetAsideAsync(_queue, raw, null, "The message is not a task message: " + e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (raw.DequeueCount > options.MaxDequeueCount)
        {
            await poison.SetAsideAsync(_queue, raw, message, "its episode kept failing", cancellationToken).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            Enqueue(new ReceivedMessage(_queue, raw, message));
        }
    }

    /// <summary>Adds a message to its instance's batch and starts the instance's session if none runs (under the gate).</summary>
    private void Enqueue(InboundMessage item)
    {
        var instanceId = item.Message.InstanceId;
        _buffered++;
        if (!_pending.TryGetValue(instanceId, out var list))
        {
            _pending[instanceId] = list = [];
        }

        list.Add(item);
        if (_running.Add(instanceId))
        {
            var session = Task.Run(() => RunSessionAsync(instanceId), CancellationToken.None);
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

    private async Task RunSessionAsync(string instanceId)
    {
        var settling = new List<Task>();
        while (true)
        {
            List<InboundMessage> batch;
            lock (_gate)
            {
                if (!_pending.Remove(instanceId, out batch!) || batch.Count == 0)
                {
                    _running.Remove(instanceId);
                    break;
                }

                _buffered -= batch.Count;
            }

            await episodeSlots.WaitAsync().ConfigureAwait(false);
            try
            {
                var deferred = await processor.ProcessAsync(instanceId, batch.Select(m => m.Message).ToList(), CancellationToken.None).ConfigureAwait(false);
                settling.Add(SettleAsync(batch, deferred.ToHashSet()));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A conflict, a storage failure that outlasted the retries, or a bug: deliver the messages again soon.
                // DequeueCount grows on each delivery, so a message that always fails ends in the poison queue.
                Logs.EpisodeRetried(logger, instanceId, e.Message);
                settling.Add(SettleAsync(batch, [.. batch.Select(m => m.Message)]));
            }
            finally
            {
                episodeSlots.Release();
            }

            settling.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(settling).ConfigureAwait(false);
    }

    /// <summary>Deletes the applied messages and makes the others visible again after a short delay.</summary>
    private async Task SettleAsync(List<InboundMessage> batch, HashSet<TaskMessage> later)
    {
        try
        {
            await Task.WhenAll(batch.Select(m => later.Contains(m.Message)
                ? m.ReturnAsync(RetryDelay, CancellationToken.None)
                : m.AcknowledgeAsync(CancellationToken.None))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            // A message not deleted is delivered again and found to be a duplicate; one not returned reappears when its
            // invisibility ends.
            Logs.LoopFailed(logger, _queue.Name, e.Message);
        }
    }
}
