namespace Conveyor.Cli.Tests;

/// <summary>What a <c>conveyor</c> command did: its exit code and its output.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
