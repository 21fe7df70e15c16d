using Conveyor.Durable.TaskHub;
using Conveyor.Storage.Queues;

namespace Conveyor.Durable.Worker;

/// <summary>A decoded task message with the queue receipt needed to delete it or make it visible again.</summary>
internal sealed class ReceivedMessage(QueueClient queue, string messageId, string popReceipt, TaskMessage message) : InboundMessage
{
    public ReceivedMessage(QueueClient queue, QueueMessage raw, TaskMessage message)
        : this(queue, raw.MessageId, raw.PopReceipt, message)
    {
    }

    public QueueClient Queue { get; } = queue;

    public string MessageId { get; } = messageId;

    public override TaskMessage Message { get; } = message;

    /// <summary>Gets or sets the current pop receipt (it changes when visibility is updated).</summary>
    public string PopReceipt { get; set; } = popReceipt;

    public override Task AcknowledgeAsync(CancellationToken cancellationToken) => DeleteAsync(cancellationToken);

    public override Task ReturnAsync(TimeSpan delay, CancellationToken cancellationToken) => ReleaseAsync(delay, cancellationToken);

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Queue.DeleteMessageAsync(MessageId, PopReceipt, cancellationToken).ConfigureAwait(false);
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
            var receipt = await Queue.UpdateMessageAsync(MessageId, PopReceipt, (BinaryData?)null, delay, cancellationToken).ConfigureAwait(false);
            PopReceipt = receipt.Value.PopReceipt;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone or taken by someone else: nothing to release.
        }
    }
}
