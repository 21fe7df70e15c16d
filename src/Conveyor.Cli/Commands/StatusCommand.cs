using System.CommandLine;
using Conveyor.Cli.Remote;
using Conveyor.Cli.Rendering;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor status &lt;executionId&gt; [--watch]</c>: shows an execution, or follows it to its end.</summary>
internal sealed class StatusCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="StatusCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public StatusCommand(CliEnvironment environment)
        : base("status", "Show a job execution: status, steps and counts (GET /api/executions/{id}). Exit 1 when it ended FAILED or STOPPED.")
    {
        var id = new Argument<string>("executionId") { Description = "The execution id (printed by submit, or see 'conveyor executions')." };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow it (as Retry-After says) with progress until it ends." };
        Add(id);
        Add(watch);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                var executionId = result.GetRequiredValue(id);
                if (result.GetValue(watch))
                {
                    return await RemoteExecution.FollowAsync(environment, api, new JobStarted { Id = executionId }, cancellationToken);
                }

                var (report, _, _) = await api.GetExecutionAsync(executionId, cancellationToken);
                ExecutionRenderer.WriteSummary(environment.Console, report);
                return report.IsRunning ? ExitCodes.Ok : report.ProcessExitCode;
            }
        });
    }
}
