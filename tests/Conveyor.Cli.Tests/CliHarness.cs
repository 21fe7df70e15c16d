using Conveyor.Cli.Local;
using Spectre.Console;

namespace Conveyor.Cli.Tests;

/// <summary>Runs <c>conveyor</c> in-process with its output captured: plain text as when redirected, or a terminal's ANSI output.</summary>
internal static class CliHarness
{
    public static async Task<CliResult> RunAsync(
        IReadOnlyList<string> args,
        JobCatalog? jobs = null,
        HttpMessageHandler? handler = null,
        IReadOnlyDictionary<string, string>? variables = null,
        bool interactive = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        var environment = new CliEnvironment
        {
            Console = console,
            Output = output,
            Error = error,
            Jobs = jobs ?? ((_, _) => { }),
            HttpHandler = handler,
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            LocalPollInterval = TimeSpan.FromMilliseconds(100),
            MaxRemotePollInterval = TimeSpan.FromMilliseconds(500),
        };
        var exitCode = await new CliApplication(environment).InvokeAsync(args, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
