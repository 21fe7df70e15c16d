using Conveyor.Cli.Local;
using Spectre.Console;

namespace Conveyor.Cli;

/// <summary>
/// Everything a command touches outside itself: the console it writes to, the jobs <c>run</c> can run, how it reaches
/// HTTP and environment variables. The real one is <see cref="ForConsole"/>; tests build one over string writers.
/// </summary>
internal sealed class CliEnvironment
{
    private const int RedirectedWidth = 240;

    /// <summary>Gets the console for results: tables, progress, messages (standard output).</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Gets the writer behind <see cref="Console"/>, for help text.</summary>
    public required TextWriter Output { get; init; }

    /// <summary>Gets the writer for errors and notices (standard error).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets the jobs <c>conveyor run</c> can run.</summary>
    public JobCatalog Jobs { get; init; } = static (_, _) => { };

    /// <summary>Gets the HTTP handler for the remote commands; null for the default (sockets).</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Gets the environment variable reader.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets how often <c>run</c> reads the JobRepository for progress. Default 500 ms.</summary>
    public TimeSpan LocalPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets the longest wait between status polls of the remote commands, whatever Retry-After says. Default 5 s.</summary>
    public TimeSpan MaxRemotePollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns the environment of the real process: standard output and error, with colours, links and live progress
    /// only on an interactive terminal (plain text when output is redirected, or when <c>NO_COLOR</c> is set).
    /// </summary>
    /// <param name="jobs">The jobs <c>run</c> can run.</param>
    /// <returns>The environment.</returns>
    public static CliEnvironment ForConsole(JobCatalog jobs)
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth; // No terminal to measure: keep tables and messages on one line each.
        }

        return new CliEnvironment { Console = console, Output = System.Console.Out, Error = System.Console.Error, Jobs = jobs };
    }

    /// <summary>Returns an HTTP client for <paramref name="baseAddress"/> that sends <paramref name="key"/> (if any) as <c>x-functions-key</c>.</summary>
    /// <param name="baseAddress">The app's base URL.</param>
    /// <param name="key">The function key, or null.</param>
    /// <returns>The client (dispose it).</returns>
    public HttpClient CreateHttpClient(Uri baseAddress, string? key)
    {
        var client = HttpHandler is null ? new HttpClient() : new HttpClient(HttpHandler, disposeHandler: false);
        client.BaseAddress = baseAddress;
        client.Timeout = Timeout.InfiniteTimeSpan; // Uploads of large files take as long as they take; Ctrl+C cancels.
        if (!string.IsNullOrEmpty(key))
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return client;
    }
}
