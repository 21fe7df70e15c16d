using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Management;

/// <summary>An orchestration instance's status in the Durable Functions HTTP API's JSON shape.</summary>
/// <param name="Name">The orchestrator name.</param>
/// <param name="InstanceId">The instance id.</param>
/// <param name="RuntimeStatus">Pending, Running, Completed, ContinuedAsNew, Failed, Terminated or Suspended.</param>
/// <param name="Input">The input (null when <c>showInput=false</c>).</param>
/// <param name="CustomStatus">The custom status, or null.</param>
/// <param name="Output">The output; for a failed instance, its error message.</param>
/// <param name="CreatedTime">When the instance was created (ISO-8601, seconds, UTC).</param>
/// <param name="LastUpdatedTime">When its state last changed.</param>
/// <param name="HistoryEvents">The history (only with <c>showHistory=true</c>).</param>
internal sealed record InstanceStatusPayload(
    string Name, string InstanceId, string RuntimeStatus, JsonNode? Input, JsonNode? CustomStatus, JsonNode? Output, string CreatedTime, string LastUpdatedTime, JsonArray? HistoryEvents)
{
    public static InstanceStatusPayload Of(OrchestrationMetadata instance, bool showInput, JsonArray? history = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var output = Json(instance.SerializedOutput);
        if (output is null && instance.FailureDetails is { } failure)
        {
            output = JsonValue.Create(failure.ErrorMessage);
        }

        return new InstanceStatusPayload(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            showInput ? Json(instance.SerializedInput) : null,
            Json(instance.SerializedCustomStatus),
            output,
            Time(instance.CreatedAt),
            Time(instance.LastUpdatedAt),
            history);
    }

    /// <summary>Parses serialized JSON; text that is not JSON is returned as a string.</summary>
    public static JsonNode? Json(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
