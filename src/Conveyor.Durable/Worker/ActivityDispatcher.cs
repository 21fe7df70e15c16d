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
/// is kept invisible by renewal; if the process dies the item reappears and runs again elsewhere.
/// </remarks>
internal sealed class ActivityDispatcher(
    TaskHubStorage storage,
    DurableTaskRegistry registry,
    IServiceProvider services,
    PoisonMessages poison,
    DurableTaskWorkerOptions options,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var queue = storage.Hub.WorkItems;
        var signal = storage.SignalFor(queue);
        using var slots = new SemaphoreSlim(options.MaxConcurrentActivities);
        var running = new List<Task>();
        var idleDelay = TimeSpan.FromMilliseconds(10);
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
                    await signal.WaitAsync(idleDelay, cancellationToken).ConfigureAwait(false);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                idleDelay = TimeSpan.FromMilliseconds(10);
                foreach (var raw in received)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    running.Add(RunOneAsync(queue, raw, slots, cancellationToken));
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

    private async Task RunOneAsync(QueueClient queue, QueueMessage raw, SemaphoreSlim slots, CancellationToken stopping)
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

            var scheduled = message.Events.OfType<TaskScheduledEvent>().ToList();
            if (scheduled.Count != message.Events.Count || scheduled.Count == 0)
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
                results = await Task.WhenAll(scheduled.Select(s => ExecuteAsync(message, s, (int)raw.DequeueCount, stopping))).ConfigureAwait(false);
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

    private async Task<HistoryEvent> ExecuteAsync(TaskMessage message, TaskScheduledEvent scheduled, int dequeueCount, CancellationToken stopping)
    {
        var now = storage.UtcNow;
        if (!registry.TryCreateActivity(scheduled.Name, services, out var activity))
        {
            var missing = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"No activity named '{scheduled.Name}' is registered with this worker.", null);
            return new TaskFailedEvent(scheduled.EventId, missing) { Timestamp = now };
        }

        await Task.Yield(); // Activities of one work item run side by side.
        var context = new WorkItemActivityContext(scheduled.Name, message.InstanceId, scheduled.EventId, dequeueCount, stopping);
        try
        {
            var input = storage.Converter.Deserialize(scheduled.Input, activity!.InputType);
            var output = await activity.RunAsync(context, input).ConfigureAwait(false);
            return new TaskCompletedEvent(scheduled.EventId, storage.Converter.Serialize(output)) { Timestamp = storage.UtcNow };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Logs.ActivityAbandoned(logger, scheduled.Name, message.InstanceId, "the worker is stopping");
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new TaskFailedEvent(scheduled.EventId, TaskFailureDetails.FromException(e)) { Timestamp = storage.UtcNow };
        }
    }

    private sealed class WorkItemActivityContext(string name, string instanceId, int taskId, int dequeueCount, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override string Name => name;

        public override string InstanceId => instanceId;

        public override int TaskId => taskId;

        public override int DequeueCount => dequeueCount;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
