using Microsoft.Extensions.Logging;

namespace Conveyor.Durable;

/// <summary>Source-generated log messages of the durable runtime.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Debug, "Discarded {Count} message(s) for instance '{InstanceId}', which does not exist")]
    public static partial void DiscardedForMissingInstance(ILogger logger, int count, string instanceId);

    [LoggerMessage(2, LogLevel.Warning, "Instance '{InstanceId}': re-sending the outbound messages of an interrupted episode ({EventCount} events)")]
    public static partial void ResendingInterruptedEpisode(ILogger logger, string instanceId, int eventCount);

    [LoggerMessage(3, LogLevel.Debug, "Instance '{InstanceId}': episode applied {Applied} event(s), scheduled {Scheduled} action(s), state {State}")]
    public static partial void EpisodeCompleted(ILogger logger, string instanceId, int applied, int scheduled, string state);

    [LoggerMessage(4, LogLevel.Information, "Worker {WorkerId} acquired partition {Partition}")]
    public static partial void PartitionAcquired(ILogger logger, string workerId, int partition);

    [LoggerMessage(5, LogLevel.Information, "Worker {WorkerId} released partition {Partition}")]
    public static partial void PartitionReleased(ILogger logger, string workerId, int partition);

    [LoggerMessage(6, LogLevel.Warning, "Worker {WorkerId} lost partition {Partition}: {Reason}")]
    public static partial void PartitionLost(ILogger logger, string workerId, int partition, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Instance '{InstanceId}': episode failed and will be retried: {Reason}")]
    public static partial void EpisodeRetried(ILogger logger, string instanceId, string reason);

    [LoggerMessage(8, LogLevel.Error, "A message on '{Queue}' was delivered {DequeueCount} times without success and was moved to the poison queue: {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string queue, long dequeueCount, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Activity '{Name}' for instance '{InstanceId}' was interrupted and will be delivered again: {Reason}")]
    public static partial void ActivityAbandoned(ILogger logger, string name, string instanceId, string reason);

    [LoggerMessage(10, LogLevel.Error, "Worker loop '{Loop}' failed and restarts: {Reason}")]
    public static partial void LoopFailed(ILogger logger, string loop, string reason);
}
