namespace Conveyor.Storage.Queues;

/// <summary>One <c>QueueMessage</c> element as the service wrote it, before the body is decoded.</summary>
internal struct WireMessage
{
    public string? MessageId { get; set; }

    public string? PopReceipt { get; set; }

    public string? MessageText { get; set; }

    public long DequeueCount { get; set; }

    public DateTimeOffset? InsertionTime { get; set; }

    public DateTimeOffset? ExpirationTime { get; set; }

    public DateTimeOffset? TimeNextVisible { get; set; }
}
