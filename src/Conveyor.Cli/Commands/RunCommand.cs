using System.CommandLine;
using Conveyor.Cli.Local;
using Conveyor.Cli.Parameters;

namespace Conveyor.Cli.Commands;

/// <summary><c>conveyor run &lt;job&gt; [--param k=v]… [--file path]</c>: runs a job end to end in this process.</summary>
internal sealed class RunCommand : Command
{
    /// <summary>The environment variable with the storage connection string, as in Azure Functions.</summary>
    public const string StorageVariable = "AzureWebJobsStorage";

    /// <summary>Initializes a new instance of the <see cref="RunCommand"/> class.</summary>
    /// <param name="environment">The environment.</param>
    public RunCommand(CliEnvironment environment)
        : base("run", "Run a job locally, end to end, in this process: Conveyor on the given storage (Azurite is started if development storage is not running), live progress per step and partition, a summary table. Exit 0 when it COMPLETED, 1 otherwise.")
    {
        var job = new Argument<string>("job") { Description = "The job name." };
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "A file to upload into the job's input container first; the job gets its blob name in its input parameter.",
            HelpName = "path",
        };
        var storage = new Option<string>("--storage")
        {
            Description = $"The storage connection string [default: ${StorageVariable} or UseDevelopmentStorage=true].",
            HelpName = "connection-string",
        };
        var hub = new Option<string>("--task-hub")
        {
            Description = "The task hub of the in-process worker; separate from the app's, so that the app never picks up a local run.",
            DefaultValueFactory = _ => "conveyorcli",
            HelpName = "name",
        };
        var prefix = new Option<string>("--table-prefix")
        {
            Description = "The prefix of the JobRepository tables; the app's by default, so that the app lists local runs too.",
            DefaultValueFactory = _ => "conveyor",
            HelpName = "prefix",
        };
        var data = new Option<DirectoryInfo>("--emulator-data")
        {
            Description = "Where a started Azurite keeps its data [default: ./.azurite].",
            HelpName = "directory",
        };
        Add(job);
        var parameters = new ParameterOptions(this);
        Add(file);
        Add(storage);
        Add(hub);
        Add(prefix);
        Add(data);
        SetAction(async (result, cancellationToken) =>
        {
            var connectionString = result.GetValue(storage) is { Length: > 0 } given ? given
                : environment.GetVariable(StorageVariable) is { Length: > 0 } configured ? configured
                : "UseDevelopmentStorage=true";
            var request = new LocalRunRequest(
                result.GetRequiredValue(job),
                parameters.GetValues(result),
                result.GetValue(file),
                connectionString,
                result.GetRequiredValue(hub),
                result.GetRequiredValue(prefix),
                result.GetValue(data)?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), ".azurite"));
            return await new LocalJobRunner(environment).RunAsync(request, cancellationToken);
        });
    }
}
