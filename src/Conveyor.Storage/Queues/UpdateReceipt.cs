namespace Conveyor.Storage.Queues;

/// <summary>What the service answers to <see cref="QueueClient.UpdateMessageAsync(string, string, BinaryData?, TimeSpan, CancellationToken)"/>.</summary>
public sealed class UpdateReceipt
{
    internal UpdateReceipt(string popReceipt, DateTimeOffset nextVisibleOn)
    {
        PopReceipt = popReceipt;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>Gets the new pop receipt; the one used for the update no longer works.</summary>
    public string PopReceipt { get; }

    /// <summary>Gets when the message becomes visible again.</summary>
    public DateTimeOffset NextVisibleOn { get; }
}
