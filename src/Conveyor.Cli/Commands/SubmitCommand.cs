using System.CommandLine;
using Conveyor.Cli.Parameters;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor submit &lt;job&gt; [--param k=v]… [--file path] [--wait]</c>: starts a job on a running app.</summary>
internal sealed class SubmitCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="SubmitCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public SubmitCommand(CliEnvironment environment)
        : base("submit", "Start a job on a running Conveyor app (POST /api/jobs/{job}); with --file, upload the file as the job's input and start it on it.")
    {
        var job = new Argument<string>("job") { Description = "The job name (see 'conveyor jobs')." };
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "A file to upload into the job's input container; the job gets its blob name in its input parameter. Parameters are then strings.",
            HelpName = "path",
        };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow the execution with progress until it ends; exit 0 when it COMPLETED, 1 otherwise." };
        Add(job);
        var parameters = new ParameterOptions(this);
        Add(file);
        Add(wait);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var values = parameters.GetValues(result);
            var path = result.GetValue(file);
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                if (path is null)
                {
                    var started = await api.StartAsync(result.GetRequiredValue(job), values, cancellationToken);
                    return await RemoteExecution.StartedAsync(environment, api, started, result.GetValue(wait), cancellationToken);
                }

                if (values.Any(v => !v.Identifying))
                {
                    throw new CliUsageException("parameters sent with a file upload are identifying; --non-identifying cannot be used with --file");
                }

                return await UploadCommand.UploadAsync(environment, api, result.GetRequiredValue(job), path, path.Name, values, result.GetValue(wait), cancellationToken);
            }
        });
    }
}
