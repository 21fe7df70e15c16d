namespace Conveyor.Durable;

/// <summary>One event of an orchestration instance's history, as a client reads it (for diagnostics and status APIs).</summary>
/// <remarks>
/// Payloads (<see cref="Input"/>, <see cref="Result"/>) are the serialized text the data converter wrote. Completion events
/// (<c>TaskCompleted</c>, <c>TaskFailed</c>, <c>SubOrchestrationCompleted</c>, <c>SubOrchestrationFailed</c>, <c>TimerFired</c>) name
/// the scheduling event they answer in <see cref="TaskScheduledId"/>, which matches that event's <see cref="EventId"/>.
/// </remarks>
/// <param name="EventType">The event's type, as in Durable Functions: <c>ExecutionStarted</c>, <c>TaskScheduled</c>, <c>TaskCompleted</c>, ….</param>
/// <param name="EventId">The sequence number of a scheduling event; -1 for other events.</param>
/// <param name="Timestamp">When the event happened.</param>
public sealed record OrchestrationHistoryEvent(string EventType, int EventId, DateTimeOffset Timestamp)
{
    /// <summary>Gets the orchestrator, activity, sub-orchestrator or event name, when the event has one.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the serialized input of a start, a scheduled task or a raised event.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the serialized result of a completion.</summary>
    public string? Result { get; init; }

    /// <summary>Gets the <see cref="EventId"/> of the scheduling event a completion answers.</summary>
    public int? TaskScheduledId { get; init; }

    /// <summary>Gets the failure of a failed task, sub-orchestration or execution.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the reason given to a terminate, suspend or resume request.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets when a timer fires.</summary>
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>Gets the other instance of a sub-orchestration or a sent event.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets the final status of an <c>ExecutionCompleted</c> event.</summary>
    public OrchestrationRuntimeStatus? OrchestrationStatus { get; init; }
}
