using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// An SDK orchestrator (through its shim) and the DI scope it was created in, disposed when the first episode returns.
/// </summary>
/// <remarks>
/// With extended sessions the same orchestrator object continues in later episodes; it must not keep scoped
/// disposable services past its first await (orchestrators do no I/O, so they have no reason to).
/// </remarks>
internal sealed class ScopedTaskOrchestration(TaskOrchestration shim, AsyncServiceScope scope) : TaskOrchestration
{
    private int _disposed;

    public override async Task<string> Execute(OrchestrationContext context, string input)
    {
        try
        {
            return await shim.Execute(context, input).ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => shim.RaiseEvent(context, name, input);

    public override string GetStatus() => shim.GetStatus();
}
