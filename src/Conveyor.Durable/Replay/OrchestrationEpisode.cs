using Conveyor.Durable.History;

namespace Conveyor.Durable.Replay;

/// <summary>What one run of orchestrator code decided: the new actions, and how (or whether) the execution ended.</summary>
/// <param name="Actions">New scheduling events in the order the code issued them (not yet in history).</param>
/// <param name="Completion">The end of the execution, or null when it waits for more events.</param>
/// <param name="CustomStatus">The serialized custom status the code last set, or null.</param>
/// <param name="IsSuspended">Whether the instance is suspended after this episode.</param>
internal sealed record OrchestrationEpisode(
    IReadOnlyList<HistoryEvent> Actions,
    ExecutionCompletedEvent? Completion,
    string? CustomStatus,
    bool IsSuspended);
