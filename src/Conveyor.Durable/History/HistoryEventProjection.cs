namespace Conveyor.Durable.History;

/// <summary>Turns stored history events into the public <see cref="OrchestrationHistoryEvent"/> shape.</summary>
internal static class HistoryEventProjection
{
    public static OrchestrationHistoryEvent ToPublic(HistoryEvent e)
    {
        var type = e.GetType().Name;
        var head = new OrchestrationHistoryEvent(type.EndsWith("Event", StringComparison.Ordinal) ? type[..^"Event".Length] : type, e.EventId, Utc(e.Timestamp));
        return e switch
        {
            ExecutionStartedEvent s => head with { Name = s.Name, Input = s.Input, InstanceId = s.Parent?.InstanceId },
            ExecutionCompletedEvent c => head with { OrchestrationStatus = c.Status, Result = c.Result, FailureDetails = c.FailureDetails },
            ExecutionTerminatedEvent t => head with { Reason = t.Reason },
            ExecutionSuspendedEvent s => head with { Reason = s.Reason },
            ExecutionResumedEvent r => head with { Reason = r.Reason },
            ExecutionFailedEvent f => head with { FailureDetails = f.FailureDetails },
            TaskScheduledEvent s => head with { Name = s.Name, Input = s.Input },
            TaskCompletedEvent c => head with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
            TaskFailedEvent f => head with { TaskScheduledId = f.TaskScheduledId, FailureDetails = f.FailureDetails },
            SubOrchestrationCreatedEvent s => head with { Name = s.Name, Input = s.Input, InstanceId = s.InstanceId },
            SubOrchestrationCompletedEvent c => head with { TaskScheduledId = c.TaskScheduledId, Result = c.Result },
            SubOrchestrationFailedEvent f => head with { TaskScheduledId = f.TaskScheduledId, FailureDetails = f.FailureDetails },
            TimerCreatedEvent t => head with { FireAt = Utc(t.FireAt) },
            TimerFiredEvent t => head with { TaskScheduledId = t.TimerId, FireAt = Utc(t.FireAt) },
            EventRaisedEvent r => head with { Name = r.Name, Input = r.Input },
            EventSentEvent s => head with { Name = s.Name, Input = s.Input, InstanceId = s.TargetInstanceId },
            _ => head,
        };
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
