using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// An SDK orchestrator (through its shim) and the DI scope it was created in, disposed when the orchestrator finishes.
/// </summary>
/// <remarks>
/// The shim's task must be returned as it is: the engine runs orchestrator code on its own task scheduler and reads
/// the task's state right after the episode's events are applied, so an <c>async</c> wrapper (let alone
/// <c>ConfigureAwait(false)</c>) would hide the completion and the instance would stay Running. An orchestrator
/// evicted from memory before it finishes leaves its scope to the garbage collector; orchestrators do no I/O and
/// should hold no disposable services.
/// </remarks>
internal sealed class ScopedTaskOrchestration(TaskOrchestration shim, AsyncServiceScope scope) : TaskOrchestration
{
    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        var execution = shim.Execute(context, input);
        _ = execution.ContinueWith(
            static (_, state) => ((AsyncServiceScope)state!).DisposeAsync().AsTask(),
            scope,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
        return execution;
    }

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => shim.RaiseEvent(context, name, input);

    public override string GetStatus() => shim.GetStatus();
}
