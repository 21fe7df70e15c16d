namespace Conveyor.Storage.Queues;

/// <summary>A message looked at by <see cref="QueueClient.PeekMessagesAsync"/>, which neither hides it nor counts a dequeue.</summary>
public sealed class PeekedMessage
{
    internal PeekedMessage(string messageId, BinaryData body, long dequeueCount, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        MessageId = messageId;
        Body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>Gets the message's id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the message's body, decoded according to <see cref="QueueClientOptions.MessageEncoding"/>.</summary>
    public BinaryData Body { get; }

    /// <summary>Gets the body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>Gets how many times the message has been received.</summary>
    public long DequeueCount { get; }

    /// <summary>Gets when the message was added.</summary>
    public DateTimeOffset? InsertedOn { get; }

    /// <summary>Gets when the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; }
}
