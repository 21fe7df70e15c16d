using System.CommandLine;
using Conveyor.Cli.Remote;
using Spectre.Console;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor stop &lt;executionId&gt; [--wait]</c>: asks a running execution to stop at its next checkpoint.</summary>
internal sealed class StopCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="StopCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public StopCommand(CliEnvironment environment)
        : base("stop", "Ask a running execution to stop at its next checkpoint (POST /api/executions/{id}/stop); restart it later with 'conveyor restart'.")
    {
        var id = new Argument<string>("executionId") { Description = "The execution id." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow it until it has stopped (exit 1 then, since it did not complete)." };
        Add(id);
        Add(wait);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                var executionId = result.GetRequiredValue(id);
                await api.StopAsync(executionId, cancellationToken);
                environment.Console.WriteLine($"Asked execution {executionId} to stop; it stops at its next checkpoint.");
                return result.GetValue(wait)
                    ? await RemoteExecution.FollowAsync(environment, api, new JobStarted { Id = executionId }, cancellationToken)
                    : ExitCodes.Ok;
            }
        });
    }
}
