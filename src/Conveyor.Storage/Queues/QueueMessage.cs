namespace Conveyor.Storage.Queues;

/// <summary>A message received (and hidden for its visibility timeout) by <see cref="QueueClient.ReceiveMessagesAsync"/>.</summary>
public sealed class QueueMessage
{
    internal QueueMessage(
        string messageId,
        string popReceipt,
        BinaryData body,
        long dequeueCount,
        DateTimeOffset? insertedOn,
        DateTimeOffset? expiresOn,
        DateTimeOffset? nextVisibleOn)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        Body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>Gets the message's id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the pop receipt that deletes or updates this message; it stops working when the message is received again.</summary>
    public string PopReceipt { get; }

    /// <summary>Gets the message's body, decoded according to <see cref="QueueClientOptions.MessageEncoding"/>.</summary>
    public BinaryData Body { get; }

    /// <summary>Gets the body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>Gets how many times the message has been received, this time included.</summary>
    public long DequeueCount { get; }

    /// <summary>Gets when the message was added.</summary>
    public DateTimeOffset? InsertedOn { get; }

    /// <summary>Gets when the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>Gets when the message becomes visible again unless it is deleted or updated first.</summary>
    public DateTimeOffset? NextVisibleOn { get; }
}
