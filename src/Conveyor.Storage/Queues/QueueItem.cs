namespace Conveyor.Storage.Queues;

/// <summary>A queue returned by <see cref="QueueServiceClient.GetQueuesAsync"/>.</summary>
public sealed class QueueItem
{
    internal QueueItem(string name, IDictionary<string, string> metadata)
    {
        Name = name;
        Metadata = metadata;
    }

    /// <summary>Gets the queue's name.</summary>
    public string Name { get; }

    /// <summary>Gets the queue's metadata (names compared case-insensitively).</summary>
    public IDictionary<string, string> Metadata { get; }
}
