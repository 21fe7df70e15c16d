using System.Globalization;
using System.Text.Json.Nodes;
using Conveyor.Durable;

namespace Conveyor.Functions.Management;

/// <summary>
/// Builds the <c>historyEvents</c> array of a status response the way Durable Functions shows it: scheduling events
/// are folded into their completions (which gain <c>FunctionName</c> and <c>ScheduledTime</c>), replay markers are
/// left out, and payloads appear only when asked for.
/// </summary>
internal static class HistoryEventsJson
{
    public static JsonArray Build(IReadOnlyList<OrchestrationHistoryEvent> events, bool showOutput, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scheduled = events.Where(e => e.EventId >= 0 && e.EventType is "TaskScheduled" or "SubOrchestrationCreated" or "TimerCreated")
            .GroupBy(e => e.EventId)
            .ToDictionary(g => g.Key, g => g.First());
        var array = new JsonArray();
        foreach (var e in events)
        {
            if (e.EventType is "OrchestratorStarted" or "TaskScheduled" or "SubOrchestrationCreated" or "TimerCreated")
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = DurableFunctionsName(e.EventType) };
            if (e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out var origin))
            {
                if (origin.Name is not null)
                {
                    item["FunctionName"] = origin.Name;
                }

                item["ScheduledTime"] = Time(origin.Timestamp);
                if (origin.InstanceId is not null)
                {
                    item["InstanceId"] = origin.InstanceId;
                }
            }

            switch (e.EventType)
            {
                case "ExecutionStarted":
                    item["FunctionName"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = InstanceStatusPayload.Json(e.Input);
                    }

                    break;
                case "EventRaised" or "EventSent":
                    item["Name"] = e.Name;
                    if (e.InstanceId is not null)
                    {
                        item["InstanceId"] = e.InstanceId;
                    }

                    if (showOutput)
                    {
                        item["Input"] = InstanceStatusPayload.Json(e.Input);
                    }

                    break;
                case "ExecutionCompleted":
                    item["OrchestrationStatus"] = e.OrchestrationStatus?.ToString();
                    break;
            }

            if (showOutput && e.Result is not null)
            {
                item["Result"] = InstanceStatusPayload.Json(e.Result);
            }

            if (e.FailureDetails is { } failure)
            {
                // Type and message only: stack traces stay in the history table, not in API responses.
                item["FailureDetails"] = new JsonObject { ["ErrorType"] = failure.ErrorType, ["ErrorMessage"] = failure.ErrorMessage };
            }

            if (e.Reason is not null)
            {
                item["Reason"] = e.Reason;
            }

            if (e.FireAt is { } fireAt)
            {
                item["FireAt"] = Time(fireAt);
            }

            item["Timestamp"] = Time(e.Timestamp);
            array.Add(item);
        }

        return array;
    }

    private static string DurableFunctionsName(string eventType) => eventType switch
    {
        "SubOrchestrationCompleted" => "SubOrchestrationInstanceCompleted",
        "SubOrchestrationFailed" => "SubOrchestrationInstanceFailed",
        _ => eventType,
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
