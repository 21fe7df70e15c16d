using DurableTask.Core;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// Stands in for an orchestrator name the worker does not know, and fails the instance with that name in its
/// failure details. The engine itself would abandon the message and retry it forever.
/// </summary>
internal sealed class UnregisteredTaskOrchestration(string name) : TaskOrchestration
{
    public override Task<string> Execute(OrchestrationContext context, string input) =>
        Task.FromException<string>(new InvalidOperationException($"No orchestrator named '{name}' is registered with this worker."));

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
    }

    public override string? GetStatus() => null;
}
