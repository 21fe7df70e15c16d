using Conveyor.DurableTask.AzureStorage.TaskHub;

namespace Conveyor.Testing;

/// <summary>
/// Engine timings for tests: short partition leases so a killed worker's partitions move in seconds, a polling ceiling
/// low enough that a test never waits on an idle back-off, and message visibility short enough that an activity held by
/// a killed worker is delivered again within seconds rather than the engine's five minutes.
/// </summary>
public static class FastTaskHub
{
    /// <summary>Applies the test timings to a task hub's options.</summary>
    /// <param name="hub">The options.</param>
    public static void Apply(AzureStorageTaskHubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        hub.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        hub.LeaseInterval = TimeSpan.FromSeconds(6);
        hub.LeaseRenewInterval = TimeSpan.FromSeconds(2);
        hub.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
        hub.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(5);
        hub.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
        hub.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
    }
}
