namespace Conveyor.Storage.Queues;

/// <summary>What the service answers to <see cref="QueueClient.SendMessageAsync(string, TimeSpan?, TimeSpan?, CancellationToken)"/>.</summary>
public sealed class SendReceipt
{
    internal SendReceipt(string messageId, string popReceipt, DateTimeOffset insertionTime, DateTimeOffset expirationTime, DateTimeOffset timeNextVisible)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        InsertionTime = insertionTime;
        ExpirationTime = expirationTime;
        TimeNextVisible = timeNextVisible;
    }

    /// <summary>Gets the message's id.</summary>
    public string MessageId { get; }

    /// <summary>Gets a pop receipt that can delete or update the message until it is received by someone.</summary>
    public string PopReceipt { get; }

    /// <summary>Gets when the message was added.</summary>
    public DateTimeOffset InsertionTime { get; }

    /// <summary>Gets when the message expires (31 December 9999 for a message that never expires).</summary>
    public DateTimeOffset ExpirationTime { get; }

    /// <summary>Gets when the message becomes visible to receivers.</summary>
    public DateTimeOffset TimeNextVisible { get; }
}
