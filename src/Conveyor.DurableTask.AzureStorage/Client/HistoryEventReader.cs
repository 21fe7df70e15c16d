using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>
/// Turns the engine's history JSON (an array of events, serialized without type names) into typed
/// <see cref="HistoryEvent"/>s: each event's <c>EventType</c> picks its class.
/// </summary>
internal static class HistoryEventReader
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.DateTime,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    /// <summary>Reads the events of a history array.</summary>
    /// <param name="json">The engine's JSON.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="InvalidOperationException">The text is not a history array, or an event has an unknown type.</exception>
    public static IList<HistoryEvent> Read(string json)
    {
        if (JToken.Parse(json) is not JArray array)
        {
            throw new InvalidOperationException("The engine's history is not a JSON array.");
        }

        return array.Select(e => ToEvent(e as JObject ?? throw new InvalidOperationException("A history event is not a JSON object."))).ToList();
    }

    private static HistoryEvent ToEvent(JObject json)
    {
        var eventType = json.GetValue(nameof(HistoryEvent.EventType), StringComparison.Ordinal)?.ToObject<EventType>()
            ?? throw new InvalidOperationException("A history event has no EventType.");
        var type = TypeOf(eventType);

        // The event classes have no common constructor shape: create the object bare and fill in its [DataMember]s.
        var historyEvent = (HistoryEvent)RuntimeHelpers.GetUninitializedObject(type);
        using var reader = json.CreateReader();
        Serializer.Populate(reader, historyEvent);
        return historyEvent;
    }

    private static Type TypeOf(EventType eventType) => eventType switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
        EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
        EventType.ExecutionRewound => typeof(ExecutionRewoundEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
        EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
        EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.GenericEvent => typeof(GenericEvent),
        EventType.HistoryState => typeof(HistoryStateEvent),
        _ => throw new InvalidOperationException($"The history holds an event of unknown type {eventType}."),
    };
}
