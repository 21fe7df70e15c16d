using System.CommandLine;
using Conveyor.Cli.Rendering;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor jobs</c>: lists the jobs a running app can run.</summary>
internal sealed class JobsCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="JobsCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public JobsCommand(CliEnvironment environment)
        : base("jobs", "List the jobs a running Conveyor app can run, with their steps, parameters and input files (GET /api/jobs).")
    {
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                ExecutionRenderer.WriteJobs(environment.Console, await api.GetJobsAsync(cancellationToken));
                return ExitCodes.Ok;
            }
        });
    }
}
