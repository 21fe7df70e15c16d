namespace Conveyor.Batch.Execution;

/// <summary>Keys the engine keeps in a job execution's context.</summary>
internal static class JobContextKeys
{
    /// <summary>The step a restart of this execution begins at (set by a stop-and-restart end, carried into restarts).</summary>
    public const string RestartStep = "batch.restartStep";

    /// <summary>Prefix of a decider's last decision: <c>batch.decision.&lt;name&gt;</c>.</summary>
    public const string DecisionPrefix = "batch.decision.";
}
