using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>
/// A job's flow as data: its transitions, which nodes are deciders, and how many partitions each step runs at once —
/// what the job orchestration needs to walk the flow. The start activity hands it to the orchestration, so the flow an
/// execution follows is recorded in its history: replay never depends on the job's definition in the current process.
/// </summary>
/// <param name="Transitions">The transitions, as built.</param>
/// <param name="Deciders">The names of the decider nodes.</param>
/// <param name="MaxParallelPartitions">Per step, the most partitions run at once.</param>
public sealed record JobFlow(IReadOnlyList<Transition> Transitions, IReadOnlyList<string> Deciders, IReadOnlyDictionary<string, int> MaxParallelPartitions)
{
    /// <summary>Returns whether the node is a decider.</summary>
    /// <param name="name">The node.</param>
    /// <returns>True for a decider.</returns>
    public bool IsDecider(string name) => Deciders.Contains(name);

    /// <summary>Returns the most partitions the step runs at once (at least 1).</summary>
    /// <param name="stepName">The step.</param>
    /// <returns>The limit.</returns>
    public int MaxParallel(string stepName) => Math.Max(1, MaxParallelPartitions.GetValueOrDefault(stepName, 1));

    /// <summary>
    /// Returns the transition taken from a step or decider that ended with an exit code: the most specific matching
    /// pattern wins; without a match, COMPLETED ends the job COMPLETED and anything else ends it FAILED.
    /// </summary>
    /// <param name="stepName">The step or decider.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <returns>The transition.</returns>
    public Transition Next(string stepName, string exitCode)
    {
        var match = Transitions
            .Where(t => t.From == stepName && Transition.Matches(t.Pattern, exitCode))
            .OrderByDescending(t => t.Pattern.Count(c => c is not ('*' or '?')))
            .FirstOrDefault();
        return match ?? (exitCode == ExitStatus.Completed.ExitCode
            ? new Transition(stepName, "*", null, BatchStatus.Completed)
            : new Transition(stepName, "*", null, BatchStatus.Failed));
    }
}
