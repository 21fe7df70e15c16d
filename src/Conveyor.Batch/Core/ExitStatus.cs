namespace Conveyor.Batch.Core;

/// <summary>How an execution ended, by code (used by flow transitions) and description.</summary>
/// <param name="ExitCode">The code: COMPLETED, FAILED, STOPPED, NOOP, EXECUTING, UNKNOWN or a custom one.</param>
/// <param name="ExitDescription">A human-readable description (failure reasons).</param>
public sealed record ExitStatus(string ExitCode, string ExitDescription = "")
{
    /// <summary>Gets the status of a successful end.</summary>
    public static ExitStatus Completed { get; } = new("COMPLETED");

    /// <summary>Gets the status of a failed end.</summary>
    public static ExitStatus Failed { get; } = new("FAILED");

    /// <summary>Gets the status of a stopped execution.</summary>
    public static ExitStatus Stopped { get; } = new("STOPPED");

    /// <summary>Gets the status of a running execution.</summary>
    public static ExitStatus Executing { get; } = new("EXECUTING");

    /// <summary>Gets the status of a step that had nothing to do.</summary>
    public static ExitStatus Noop { get; } = new("NOOP");

    /// <summary>Gets the status of an execution whose end is unknown.</summary>
    public static ExitStatus Unknown { get; } = new("UNKNOWN");

    /// <summary>Returns a copy with a description appended.</summary>
    /// <param name="description">The text to add.</param>
    /// <returns>The new status.</returns>
    public ExitStatus AddExitDescription(string description) =>
        this with { ExitDescription = string.IsNullOrEmpty(ExitDescription) ? description : ExitDescription + "; " + description };
}
