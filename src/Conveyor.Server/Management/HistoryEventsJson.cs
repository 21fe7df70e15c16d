using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.Core.History;

namespace Conveyor.Server.Management;

/// <summary>
/// Builds the <c>historyEvents</c> array of a status response the way Durable Functions shows it: scheduling events
/// are folded into their completions (which gain <c>FunctionName</c> and <c>ScheduledTime</c>), replay markers
/// (<c>OrchestratorStarted</c>, <c>OrchestratorCompleted</c>) are left out, and payloads appear only when asked for.
/// </summary>
internal static class HistoryEventsJson
{
    public static JsonArray Build(IList<HistoryEvent> events, bool showOutput, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scheduled = events.Where(e => e.EventId >= 0 && IsScheduling(e))
            .GroupBy(e => e.EventId)
            .ToDictionary(g => g.Key, g => g.First());
        var array = new JsonArray();
        foreach (var e in events)
        {
            if (IsScheduling(e) || e is OrchestratorStartedEvent or OrchestratorCompletedEvent)
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = e.EventType.ToString() };
            if (ScheduledId(e) is { } id && scheduled.TryGetValue(id, out var origin))
            {
                if (NameOf(origin) is { } name)
                {
                    item["FunctionName"] = name;
                }

                item["ScheduledTime"] = Time(origin.Timestamp);
                if (origin is SubOrchestrationInstanceCreatedEvent { InstanceId: { } child })
                {
                    item["InstanceId"] = child;
                }
            }

            Describe(e, item, showOutput, showInput);
            item["Timestamp"] = Time(e.Timestamp);
            array.Add(item);
        }

        return array;
    }

    private static void Describe(HistoryEvent e, JsonObject item, bool showOutput, bool showInput)
    {
        switch (e)
        {
            case ExecutionStartedEvent started:
                item["FunctionName"] = started.Name;
                if (showInput)
                {
                    item["Input"] = InstanceStatusPayload.Json(started.Input);
                }

                break;
            case EventRaisedEvent raised:
                item["Name"] = raised.Name;
                if (showOutput)
                {
                    item["Input"] = InstanceStatusPayload.Json(raised.Input);
                }

                break;
            case EventSentEvent sent:
                item["Name"] = sent.Name;
                item["InstanceId"] = sent.InstanceId;
                if (showOutput)
                {
                    item["Input"] = InstanceStatusPayload.Json(sent.Input);
                }

                break;
            case ExecutionCompletedEvent completed:
                item["OrchestrationStatus"] = completed.OrchestrationStatus.ToString();
                Result(item, completed.Result, showOutput);
                Failure(item, completed.FailureDetails);
                break;
            case TaskCompletedEvent task:
                Result(item, task.Result, showOutput);
                break;
            case SubOrchestrationInstanceCompletedEvent sub:
                Result(item, sub.Result, showOutput);
                break;
            case TaskFailedEvent failed:
                Failure(item, failed.FailureDetails, failed.Reason);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                Failure(item, failed.FailureDetails, failed.Reason);
                break;
            case TimerFiredEvent timer:
                item["FireAt"] = Time(timer.FireAt);
                break;
            case ExecutionTerminatedEvent terminated:
                item["Reason"] = InstanceStatusPayload.Json(terminated.Input);
                break;
            case ExecutionSuspendedEvent suspended:
                item["Reason"] = suspended.Reason;
                break;
            case ExecutionResumedEvent resumed:
                item["Reason"] = resumed.Reason;
                break;
        }
    }

    private static bool IsScheduling(HistoryEvent e) => e is TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent or TimerCreatedEvent;

    private static int? ScheduledId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        _ => null,
    };

    private static string? NameOf(HistoryEvent scheduling) => scheduling switch
    {
        TaskScheduledEvent task => task.Name,
        SubOrchestrationInstanceCreatedEvent sub => sub.Name,
        _ => null,
    };

    private static void Result(JsonObject item, string? result, bool showOutput)
    {
        if (showOutput && result is not null)
        {
            item["Result"] = InstanceStatusPayload.Json(result);
        }
    }

    // Type and message only: stack traces stay in the history table, not in API responses.
    private static void Failure(JsonObject item, global::DurableTask.Core.FailureDetails? failure, string? reason = null)
    {
        if (failure is not null)
        {
            item["FailureDetails"] = new JsonObject { ["ErrorType"] = failure.ErrorType, ["ErrorMessage"] = failure.ErrorMessage };
        }

        if (reason is not null)
        {
            item["Reason"] = reason;
        }
    }

    private static string Time(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
