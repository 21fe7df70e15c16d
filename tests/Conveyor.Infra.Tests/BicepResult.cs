namespace Conveyor.Infra.Tests;

/// <summary>What one run of the Bicep CLI returned; diagnostics (errors, warnings, linter findings) go to standard error.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
