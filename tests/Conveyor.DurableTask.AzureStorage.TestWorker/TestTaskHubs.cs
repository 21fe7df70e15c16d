using Conveyor.DurableTask.AzureStorage.TaskHub;

namespace Conveyor.DurableTask.AzureStorage.TestWorker;

/// <summary>Task hub options for tests: short leases so a killed worker's partitions move in seconds, fast polling.</summary>
public static class TestTaskHubs
{
    /// <summary>Returns options for a hub with short lease timings and a 100 ms polling ceiling.</summary>
    /// <param name="connectionString">The storage connection string.</param>
    /// <param name="taskHubName">The hub's name.</param>
    /// <param name="partitions">The partition count.</param>
    /// <returns>The options.</returns>
    public static AzureStorageTaskHubOptions Fast(string connectionString, string taskHubName, int partitions = 2) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = taskHubName,
        PartitionCount = partitions,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
        LeaseInterval = TimeSpan.FromSeconds(6),
        LeaseRenewInterval = TimeSpan.FromSeconds(2),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(5),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
    };
}
