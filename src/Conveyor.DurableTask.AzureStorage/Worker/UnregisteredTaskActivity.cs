using DurableTask.Core;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// Stands in for an activity name the worker does not know: the call fails with that name in its failure details, so
/// the orchestrator sees a <c>TaskFailedException</c> instead of a message the engine would retry forever.
/// </summary>
internal sealed class UnregisteredTaskActivity(string name) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new InvalidOperationException($"No activity named '{name}' is registered with this worker.");

    public override Task<string> RunAsync(TaskContext context, string input) =>
        Task.FromException<string>(new InvalidOperationException($"No activity named '{name}' is registered with this worker."));
}
