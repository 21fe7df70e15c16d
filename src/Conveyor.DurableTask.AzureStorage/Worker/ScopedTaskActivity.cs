using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>An SDK activity (through its shim) and the DI scope it was created in, disposed when the run ends.</summary>
internal sealed class ScopedTaskActivity(TaskActivity shim, AsyncServiceScope scope) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("The engine runs activities through RunAsync.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        await using (scope.ConfigureAwait(false))
        {
            return await shim.RunAsync(context, input).ConfigureAwait(false);
        }
    }
}
