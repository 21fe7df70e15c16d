namespace Conveyor.Storage.Queues;

/// <summary>The properties of a queue returned by <see cref="QueueClient.GetPropertiesAsync"/>.</summary>
public sealed class QueueProperties
{
    internal QueueProperties(int approximateMessagesCount, IDictionary<string, string> metadata)
    {
        ApproximateMessagesCount = approximateMessagesCount;
        Metadata = metadata;
    }

    /// <summary>Gets the approximate number of messages in the queue, visible or not; never lower than the real count.</summary>
    public int ApproximateMessagesCount { get; }

    /// <summary>Gets the queue's metadata (names compared case-insensitively).</summary>
    public IDictionary<string, string> Metadata { get; }
}
