using Microsoft.Extensions.Logging;

namespace Conveyor.DurableTask.AzureStorage;

/// <summary>Source-generated log messages of the Azure Storage backend.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Task hub '{TaskHub}': engine created for worker '{WorkerId}' with {PartitionCount} partition(s)")]
    public static partial void TaskHubServiceCreated(ILogger logger, string taskHub, string workerId, int partitionCount);

    [LoggerMessage(2, LogLevel.Information, "Task hub '{TaskHub}': worker '{Name}' started")]
    public static partial void WorkerStarted(ILogger logger, string taskHub, string name);

    [LoggerMessage(3, LogLevel.Information, "Task hub '{TaskHub}': worker '{Name}' stopped")]
    public static partial void WorkerStopped(ILogger logger, string taskHub, string name);

    [LoggerMessage(4, LogLevel.Debug, "Task hub '{TaskHub}': scheduling '{Orchestrator}' as instance '{InstanceId}'")]
    public static partial void SchedulingOrchestration(ILogger logger, string taskHub, string orchestrator, string instanceId);

    [LoggerMessage(5, LogLevel.Warning, "No {Kind} named '{Name}' is registered with worker '{Worker}'")]
    public static partial void TaskNotRegistered(ILogger logger, string kind, string name, string worker);
}
