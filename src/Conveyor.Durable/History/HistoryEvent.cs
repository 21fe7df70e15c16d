using System.Text.Json.Serialization;

namespace Conveyor.Durable.History;

/// <summary>
/// One entry of an orchestration's event-sourced history, or the body of a message that will become one.
/// </summary>
/// <remarks>
/// Scheduling events (<see cref="TaskScheduledEvent"/>, <see cref="TimerCreatedEvent"/>,
/// <see cref="SubOrchestrationCreatedEvent"/>, <see cref="EventSentEvent"/>) carry the sequence number the
/// orchestrator code gave the action (<see cref="EventId"/>); completion events refer back to it.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailedEvent), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(ExecutionFailedEvent), "ExecutionFailed")]
internal abstract record HistoryEvent
{
    /// <summary>Gets the action's sequence number for scheduling events; -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>Gets when the event happened (UTC).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>Identifies the parent of a sub-orchestration so its result can be sent back.</summary>
internal sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

/// <summary>The first event of an execution.</summary>
internal sealed record ExecutionStartedEvent(string Name, string InstanceId, string ExecutionId, string? Input) : HistoryEvent
{
    public ParentInstance? Parent { get; init; }

    public DateTime? ScheduledStartTime { get; init; }
}

/// <summary>The execution finished (completed, failed, or continued as new with <see cref="Result"/> as the new input).</summary>
internal sealed record ExecutionCompletedEvent(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails) : HistoryEvent
{
    /// <summary>Gets, for continue-as-new, the external events not yet consumed, to deliver to the next execution.</summary>
    public IReadOnlyList<EventRaisedEvent>? CarryoverEvents { get; init; }
}

/// <summary>A terminate request.</summary>
internal sealed record ExecutionTerminatedEvent(string? Reason) : HistoryEvent;

/// <summary>A suspend request.</summary>
internal sealed record ExecutionSuspendedEvent(string? Reason) : HistoryEvent;

/// <summary>A resume request.</summary>
internal sealed record ExecutionResumedEvent(string? Reason) : HistoryEvent;

/// <summary>The runtime fails the instance (a poison message, an unknown orchestrator).</summary>
internal sealed record ExecutionFailedEvent(TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>An episode began; its timestamp is the orchestrator's <c>CurrentUtcDateTime</c>.</summary>
internal sealed record OrchestratorStartedEvent : HistoryEvent;

/// <summary>An activity was scheduled.</summary>
internal sealed record TaskScheduledEvent(string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
internal sealed record TaskCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
internal sealed record TaskFailedEvent(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>A sub-orchestration was started.</summary>
internal sealed record SubOrchestrationCreatedEvent(string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A sub-orchestration completed.</summary>
internal sealed record SubOrchestrationCompletedEvent(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A sub-orchestration failed.</summary>
internal sealed record SubOrchestrationFailedEvent(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>A durable timer was created.</summary>
internal sealed record TimerCreatedEvent(DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
internal sealed record TimerFiredEvent(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived; <see cref="MessageId"/> makes redelivery detectable.</summary>
internal sealed record EventRaisedEvent(string Name, string? Input, string MessageId) : HistoryEvent;

/// <summary>The orchestration sent an event to another instance.</summary>
internal sealed record EventSentEvent(string TargetInstanceId, string Name, string? Input) : HistoryEvent;
