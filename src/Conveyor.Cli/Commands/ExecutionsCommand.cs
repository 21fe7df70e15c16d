using System.CommandLine;
using Conveyor.Cli.Parameters;
using Conveyor.Cli.Remote;
using Conveyor.Cli.Rendering;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor executions [--job] [--status] [--param k=v] [--top n]</c>: lists executions, newest first.</summary>
internal sealed class ExecutionsCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="ExecutionsCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public ExecutionsCommand(CliEnvironment environment)
        : base("executions", "List job executions, newest first (GET /api/executions), filtered by job, status and parameter values.")
    {
        Aliases.Add("list");
        var job = new Option<string>("--job", "-j") { Description = "Only executions of this job.", HelpName = "name" };
        var status = new Option<string>("--status", "-s")
        {
            Description = $"Only executions with this status: {string.Join(", ", BatchStatuses.All)}.",
            HelpName = "status",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value.ToUpperInvariant();
                if (!BatchStatuses.All.Contains(text))
                {
                    r.AddError($"invalid --status '{r.Tokens.Single().Value}': expected one of {string.Join(", ", BatchStatuses.All)}");
                }

                return text;
            },
        };
        var top = new Option<int>("--top", "-n") { Description = "At most this many executions.", DefaultValueFactory = _ => 20, HelpName = "n" };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--top must be 1 to 1000");
            }
        });
        Add(job);
        Add(status);
        var parameters = new ParameterOptions(this, allowNonIdentifying: false);
        parameters.Param.Description = "Only executions whose parameter has this value (name=value; the app takes one such filter).";
        Add(top);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                var executions = await api.FindExecutionsAsync(result.GetValue(job), result.GetValue(status), parameters.GetValues(result), result.GetValue(top), cancellationToken);
                ExecutionRenderer.WriteExecutions(environment.Console, executions);
                return ExitCodes.Ok;
            }
        });
    }
}
