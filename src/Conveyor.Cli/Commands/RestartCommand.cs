using System.CommandLine;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor restart &lt;executionId&gt; [--wait]</c>: restarts a FAILED or STOPPED execution from its last committed chunk.</summary>
internal sealed class RestartCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="RestartCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public RestartCommand(CliEnvironment environment)
        : base("restart", "Restart a FAILED or STOPPED execution as a new execution of the same instance, from its last committed chunk (POST /api/executions/{id}/restart).")
    {
        var id = new Argument<string>("executionId") { Description = "The execution to restart." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow the new execution with progress until it ends; exit 0 when it COMPLETED, 1 otherwise." };
        Add(id);
        Add(wait);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                var started = await api.RestartAsync(result.GetRequiredValue(id), cancellationToken);
                return await RemoteExecution.StartedAsync(environment, api, started, result.GetValue(wait), cancellationToken);
            }
        });
    }
}
