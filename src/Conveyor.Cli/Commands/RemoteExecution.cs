using Conveyor.Cli.Parameters;
using Conveyor.Cli.Remote;
using Conveyor.Cli.Rendering;
using Spectre.Console;

namespace Conveyor.Cli.Commands;

/// <summary>What the remote commands share: reporting a started execution, or following it to its end.</summary>
internal static class RemoteExecution
{
    /// <summary>Reports a started execution; with <paramref name="wait"/>, follows it with progress and writes its summary.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="api">The API client.</param>
    /// <param name="started">The started execution.</param>
    /// <param name="wait">Whether to follow it to its end.</param>
    /// <param name="cancellationToken">Stops following (the job goes on).</param>
    /// <returns>The exit code: 0 when not waiting or COMPLETED, 1 when it ended otherwise.</returns>
    public static async Task<int> StartedAsync(CliEnvironment environment, ConveyorApiClient api, JobStarted started, bool wait, CancellationToken cancellationToken)
    {
        environment.Console.MarkupLine(
            $"Started job [bold]{Markup.Escape(started.JobName ?? "?")}[/] execution {Markup.Escape(started.Id)} ({Markup.Escape(started.Status ?? "STARTING")}).");
        if (!wait)
        {
            environment.Console.WriteLine($"Follow it with: conveyor status {started.Id} --watch");
            return ExitCodes.Ok;
        }

        return await FollowAsync(environment, api, started, cancellationToken);
    }

    /// <summary>Follows an execution to its end with progress, then writes its summary.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="api">The API client.</param>
    /// <param name="started">The execution.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>0 when it COMPLETED, 1 otherwise.</returns>
    public static async Task<int> FollowAsync(CliEnvironment environment, ConveyorApiClient api, JobStarted started, CancellationToken cancellationToken)
    {
        var last = await new ProgressView(environment.Console).ShowAsync(api.FollowAsync(started, environment.MaxRemotePollInterval, cancellationToken));
        if (last is null)
        {
            return ExitCodes.ServerError;
        }

        ExecutionRenderer.WriteSummary(environment.Console, last);
        return last.ProcessExitCode;
    }

    /// <summary>Refuses parameters the upload endpoint cannot carry (it takes <c>param.name=value</c> strings).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <exception cref="CliUsageException">A parameter is typed.</exception>
    public static void RequireStringParameters(IReadOnlyList<ParameterSpec> parameters)
    {
        var typed = parameters.Where(p => p.Type != "string").Select(p => p.Name).ToList();
        if (typed.Count > 0)
        {
            throw new CliUsageException(
                $"parameters sent with a file upload are strings (param.name=value); typed parameters are not allowed: {string.Join(", ", typed)}");
        }
    }
}
