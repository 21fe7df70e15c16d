using System.Text.Json;
using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Takes activity work items from the hub's shared queue (any worker may), runs them, and sends each result to
/// the control queue of the instance that scheduled it.
/// </summary>
/// <remarks>
/// At least once: the work item is deleted only after the result is sent, and while an activity runs its work item
/// is kept invisible by renewal; if the process dies the item reappears and runs again elsewhere. The activity slots
/// are shared with <see cref="LocalActivities"/>, which runs work items of this process's own instances directly.
/// </remarks>
internal sealed class ActivityDispatcher(
    TaskHubStorage storage,
    ActivityInvoker invoker,
    SemaphoreSlim slots,
    PoisonMessages poison,
    DurableTaskWorkerOptions options,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = storage.Hub.WorkItems;
        var signal = TaskHubStorage.SignalFor(queue);
        var running = new List<Task>();
        var idle = new IdleBackoff(options.MaxPollingInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var free = slots.CurrentCount + 1;
                slots.Release();
                var received = (await queue.ReceiveMessagesAsync(Math.Min(32, free), options.WorkItemVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(idle.Next(), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                idle.Reset();
                foreach (var raw in received)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    running.Add(RunOneAsync(queue, raw, cancellationToken));
                }

                running.RemoveAll(t => t.IsCompleted);
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

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunOneAsync(QueueClient queue, QueueMessage raw, CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            TaskMessage message;
            try
            {
                message = await storage.Codec.DecodeAsync(raw.MessageText, CancellationToken.None).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                await poison.SetAsideAsync(queue, raw, null, "The message is not a task message: " + e.Message, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            if (message.Events.Count == 0 || !message.Events.All(e => e is TaskScheduledEvent))
            {
                await poison.SetAsideAsync(queue, raw, null, "A work item must schedule an activity.", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            if (raw.DequeueCount > options.MaxDequeueCount)
            {
                await poison.SetAsideAsync(queue, raw, message, "the activity never finished (its worker kept dying or timing out)", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var item = new ReceivedMessage(queue, raw, message);
            HistoryEvent[] results;
            var renewal = new VisibilityRenewal(item, options.WorkItemVisibilityTimeout);
            await using (renewal.ConfigureAwait(false))
            {
                results = await invoker.RunAsync(message, (int)raw.DequeueCount, stopping).ConfigureAwait(false);
            }

            await storage.SendAsync(storage.Hub.ControlQueueOf(message.InstanceId), new TaskMessage(message.InstanceId, message.ExecutionId, results), null, CancellationToken.None)
                .ConfigureAwait(false);
            await item.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: the work item reappears and runs again elsewhere.
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            Logs.ActivityAbandoned(logger, "(work item)", raw.MessageId, e.Message);
        }
        finally
        {
            slots.Release();
        }
    }
}
