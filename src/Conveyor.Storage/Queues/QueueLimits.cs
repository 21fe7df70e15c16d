using System.Globalization;

namespace Conveyor.Storage.Queues;

/// <summary>The service's limits on message operations, checked before any request is made.</summary>
internal static class QueueLimits
{
    /// <summary>The longest visibility timeout the service accepts.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>Returns the visibility timeout of a send or an update in whole seconds (0 s to 7 days).</summary>
    public static int VisibilitySeconds(TimeSpan visibilityTimeout, string parameterName) =>
        Seconds(visibilityTimeout, TimeSpan.Zero, parameterName);

    /// <summary>Returns the visibility timeout of a receive in whole seconds (1 s to 7 days).</summary>
    public static int ReceiveVisibilitySeconds(TimeSpan visibilityTimeout, string parameterName) =>
        Seconds(visibilityTimeout, TimeSpan.FromSeconds(1), parameterName);

    /// <summary>Returns the time to live in whole seconds: -1 for never, otherwise at least 1.</summary>
    public static int TimeToLiveSeconds(TimeSpan timeToLive, string parameterName)
    {
        if (timeToLive == QueueClient.InfiniteTimeToLive || timeToLive == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        if (timeToLive < TimeSpan.FromSeconds(1) || timeToLive.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                timeToLive,
                "A message's time to live must be at least 1 second (and at most int.MaxValue seconds), or " +
                "QueueClient.InfiniteTimeToLive (-1 s) for a message that never expires.");
        }

        return (int)timeToLive.TotalSeconds;
    }

    /// <summary>Checks that the message becomes visible before it expires, as the service requires.</summary>
    public static void VisibleBeforeExpiry(int visibilitySeconds, int timeToLiveSeconds, string parameterName)
    {
        if (timeToLiveSeconds != -1 && visibilitySeconds >= timeToLiveSeconds)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                TimeSpan.FromSeconds(visibilitySeconds),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The visibility timeout ({visibilitySeconds} s) must be shorter than the time to live ({timeToLiveSeconds} s): a message must become visible before it expires."));
        }
    }

    /// <summary>Returns the number of messages to receive or peek (1 to 32).</summary>
    public static int MaxMessages(int? maxMessages, string parameterName)
    {
        var value = maxMessages ?? 1;
        if (value is < 1 or > QueueClient.MaxMessagesPerRequest)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, value, $"The number of messages per request must be between 1 and {QueueClient.MaxMessagesPerRequest}.");
        }

        return value;
    }

    private static int Seconds(TimeSpan value, TimeSpan minimum, string parameterName)
    {
        if (value < minimum || value > MaxVisibilityTimeout)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"A visibility timeout must be between {minimum.TotalSeconds} s and 7 days (604800 s)."));
        }

        // Whole seconds on the wire; the service has no finer resolution.
        return (int)value.TotalSeconds;
    }
}
