using System.CommandLine;
using System.CommandLine.Invocation;
using System.Net;
using Azure;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Cli.Commands;
using Conveyor.Cli.Remote;

namespace Conveyor.Cli;

/// <summary>
/// The <c>conveyor</c> command line: its commands, and the one place where failures become messages and exit codes
/// (<see cref="ExitCodes"/>).
/// </summary>
internal sealed class CliApplication
{
    /// <summary>The environment variable that adds stack traces to unexpected errors.</summary>
    public const string TraceVariable = "CONVEYOR_TRACE";

    private readonly CliEnvironment _environment;

    /// <summary>Initializes a new instance of the <see cref="CliApplication"/> class.</summary>
    /// <param name="environment">The console, job catalog and HTTP handler to use.</param>
    public CliApplication(CliEnvironment environment)
    {
        _environment = environment;
        Root = new RootCommand(
            "conveyor: run Conveyor batch jobs locally, or start, watch, list, stop and restart them on a running Conveyor app.\n"
            + $"Remote commands take --url (or ${RemoteOptions.UrlVariable}, default {RemoteOptions.DefaultUrl}) and --key (or ${RemoteOptions.KeyVariable}).\n"
            + "Parameters: --param name=value is an identifying string; name:long=5, name:double=1.5, name:date=2026-11-20 are typed; "
            + "--non-identifying name leaves a parameter out of the job instance's identity.\n"
            + ExitCodes.Help + $" Set {TraceVariable}=1 for stack traces of unexpected errors.")
        {
            new RunCommand(environment),
            new SubmitCommand(environment),
            new UploadCommand(environment),
            new StatusCommand(environment),
            new ExecutionsCommand(environment),
            new JobsCommand(environment),
            new StopCommand(environment),
            new RestartCommand(environment),
        };
    }

    /// <summary>Gets the root command.</summary>
    public RootCommand Root { get; }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the command (in addition to Ctrl+C).</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parse = Root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await _environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await _environment.Error.WriteLineAsync($"Run '{CommandPath(parse)} --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = _environment.Output,
            Error = _environment.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "conveyor" : result.Command.Name);
        }

        return string.Join(' ', names);
    }

    private int Report(Exception exception)
    {
        var error = _environment.Error;
        switch (exception)
        {
            case CliUsageException usage:
                error.WriteLine($"error: {usage.Message}");
                foreach (var detail in usage.Details)
                {
                    error.WriteLine($"  - {detail}");
                }

                return ExitCodes.Usage;
            case ConveyorUnreachableException unreachable:
                error.WriteLine($"error: {unreachable.Message}");
                error.WriteLine($"Is the app running there? Start it (dotnet run --project src/Conveyor.Server) or pass --url / set ${RemoteOptions.UrlVariable}.");
                return ExitCodes.ServerError;
            case ConveyorApiException api:
                WriteProblem(api);
                return ExitCodes.ServerError;
            case NoSuchJobException or JobParametersInvalidException:
                error.WriteLine($"error: {exception.Message}");
                return ExitCodes.Usage;
            case JobInstanceAlreadyCompleteException or JobExecutionAlreadyRunningException or JobRestartException or RequestFailedException:
                error.WriteLine($"error: {exception.Message}");
                return ExitCodes.ServerError;
            case OperationCanceledException:
                error.WriteLine("error: cancelled.");
                return ExitCodes.JobNotCompleted;
            default:
                // Anything else (a job catalog that cannot build its jobs, a storage account that cannot be reached): say what
                // and where, without a stack trace unless asked for.
                error.WriteLine($"error: {exception.GetType().Name}: {exception.Message}");
                if (_environment.GetVariable(TraceVariable) is { Length: > 0 })
                {
                    error.WriteLine(exception.ToString());
                }

                return ExitCodes.ServerError;
        }
    }

    private void WriteProblem(ConveyorApiException api)
    {
        var error = _environment.Error;
        var problem = api.Problem;
        error.WriteLine($"error: {api.Message}");
        foreach (var line in problem?.ErrorLines() ?? [])
        {
            error.WriteLine($"  - {line}");
        }

        if (api.Status == HttpStatusCode.Unauthorized)
        {
            error.WriteLine($"A function key is needed: pass --key <key> or set ${RemoteOptions.KeyVariable} (a key that was given was refused).");
        }
        else if (api.Status == HttpStatusCode.Forbidden)
        {
            error.WriteLine("The key was refused for this endpoint.");
        }
    }
}
