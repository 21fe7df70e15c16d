namespace Conveyor.Batch.Execution;

/// <summary>The name a partition run records as its worker: this process, as the engine names its workers (<c>machine:pid</c>).</summary>
internal static class WorkerName
{
    /// <summary>Gets this process's worker name.</summary>
    public static string Current { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
