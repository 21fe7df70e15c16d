using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>Sets aside messages that keep failing and fails the instance they were for, with the reason.</summary>
internal sealed class PoisonMessages(TaskHubStorage storage, ILogger logger)
{
    public async Task SetAsideAsync(QueueClient queue, QueueMessage raw, TaskMessage? message, string reason, CancellationToken cancellationToken)
    {
        Logs.PoisonMessage(logger, queue.Name, raw.DequeueCount, reason);
        await storage.Hub.Poison.SendMessageAsync(raw.MessageText, null, QueueClient.InfiniteTimeToLive, cancellationToken).ConfigureAwait(false);
        if (message is not null)
        {
            var failure = new TaskFailureDetails(
                "PoisonMessage",
                $"A {string.Join(", ", message.Events.Select(e => e.GetType().Name.Replace("Event", string.Empty, StringComparison.Ordinal)).Distinct())} message for this instance was delivered {raw.DequeueCount} times without success and was set aside: {reason}",
                null);
            var now = storage.UtcNow;
            var consequences = message.Events.OfType<TaskScheduledEvent>().Select(s => (HistoryEvent)new TaskFailedEvent(s.EventId, failure) { Timestamp = now }).ToList();
            if (consequences.Count == 0 && !message.Events.Any(e => e is ExecutionFailedEvent))
            {
                consequences.Add(new ExecutionFailedEvent(failure) { Timestamp = now });
            }

            if (consequences.Count > 0)
            {
                await storage.SendAsync(storage.Hub.ControlQueueOf(message.InstanceId), new TaskMessage(message.InstanceId, message.ExecutionId, consequences), null, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        try
        {
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already gone.
        }
    }
}
