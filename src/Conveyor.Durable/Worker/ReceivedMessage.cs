using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;

namespace Conveyor.Durable.Worker;

/// <summary>A decoded task message with the queue receipt needed to delete or release it.</summary>
internal sealed class ReceivedMessage(QueueClient queue, QueueMessage raw, TaskMessage message)
{
    public QueueClient Queue { get; } = queue;

    public QueueMessage Raw { get; } = raw;

    public TaskMessage Message { get; } = message;

    /// <summary>Gets or sets the current pop receipt (it changes when visibility is updated).</summary>
    public string PopReceipt { get; set; } = raw.PopReceipt;

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Queue.DeleteMessageAsync(Raw.MessageId, PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already deleted, or redelivered to someone else who will find it a duplicate.
        }
    }

    public async Task ReleaseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await Queue.UpdateMessageAsync(Raw.MessageId, PopReceipt, (BinaryData?)null, delay, cancellationToken).ConfigureAwait(false);
            PopReceipt = receipt.Value.PopReceipt;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone or taken by someone else: nothing to release.
        }
    }
}
