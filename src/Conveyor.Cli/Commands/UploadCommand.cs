using System.CommandLine;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Cli.Parameters;
using Conveyor.Cli.Remote;
using Spectre.Console;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor upload &lt;job&gt; &lt;path&gt; [--name blob] [--param k=v]… [--wait]</c>: uploads a file as a job's input and starts the job on it.</summary>
internal sealed class UploadCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="UploadCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public UploadCommand(CliEnvironment environment)
        : base("upload", "Upload a file into a job's input container on a running app and start the job on it (POST /api/jobs/{job}/files?name=…).")
    {
        var job = new Argument<string>("job") { Description = "The job name; it must declare input files (see 'conveyor jobs')." };
        var path = new Argument<FileInfo>("path") { Description = "The file to upload (streamed; large files are fine)." };
        var name = new Option<string>("--name", "-n")
        {
            Description = "The blob name under the job's input prefix [default: the file's name].",
            HelpName = "blob",
        };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow the execution with progress until it ends; exit 0 when it COMPLETED, 1 otherwise." };
        Add(job);
        Add(path);
        Add(name);
        var parameters = new ParameterOptions(this, allowNonIdentifying: false);
        Add(wait);
        var remote = new RemoteOptions(this, environment);
        SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetRequiredValue(path);
            var values = parameters.GetValues(result);
            var (http, api) = remote.CreateClient(result);
            using (http)
            {
                return await UploadAsync(
                    environment, api, result.GetRequiredValue(job), file, result.GetValue(name) ?? file.Name, values, result.GetValue(wait), cancellationToken);
            }
        });
    }

    /// <summary>Uploads <paramref name="file"/> as <paramref name="blobName"/> for <paramref name="jobName"/> and reports the started execution.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="api">The API client.</param>
    /// <param name="jobName">The job.</param>
    /// <param name="file">The file.</param>
    /// <param name="blobName">The blob name under the job's input prefix.</param>
    /// <param name="parameters">Further (string) parameters.</param>
    /// <param name="wait">Whether to follow the execution.</param>
    /// <param name="cancellationToken">Cancels the upload or stops following.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> UploadAsync(
        CliEnvironment environment, ConveyorApiClient api, string jobName, FileInfo file, string blobName, IReadOnlyList<ParameterSpec> parameters, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(file);
        RemoteExecution.RequireStringParameters(parameters);
        try
        {
            BlobNames.ValidateBlobName(blobName, "--name");
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message.Replace(" (Parameter '--name')", string.Empty, StringComparison.Ordinal), e);
        }

        if (!file.Exists)
        {
            throw new CliUsageException($"file not found: {file.FullName}");
        }

        JobStarted started;
        await using (var content = file.OpenRead())
        {
            started = await api.UploadAsync(jobName, blobName, content, parameters, cancellationToken);
        }

        environment.Console.WriteLine($"Uploaded {file.Name} ({file.Length:N0} bytes) as {blobName}.");
        return await RemoteExecution.StartedAsync(environment, api, started, wait, cancellationToken);
    }
}
