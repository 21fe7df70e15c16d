namespace Conveyor.Batch.Jobs;

/// <summary>The outcome of a decider: a code the job's transitions match (<c>From(decider).On("ODD").To(step)</c>).</summary>
/// <param name="Name">The code: COMPLETED, FAILED, STOPPED, UNKNOWN or a custom one.</param>
public sealed record FlowExecutionStatus(string Name)
{
    /// <summary>Gets the COMPLETED outcome.</summary>
    public static FlowExecutionStatus Completed { get; } = new("COMPLETED");

    /// <summary>Gets the FAILED outcome.</summary>
    public static FlowExecutionStatus Failed { get; } = new("FAILED");

    /// <summary>Gets the STOPPED outcome.</summary>
    public static FlowExecutionStatus Stopped { get; } = new("STOPPED");

    /// <summary>Gets the UNKNOWN outcome.</summary>
    public static FlowExecutionStatus Unknown { get; } = new("UNKNOWN");

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Name;
}
