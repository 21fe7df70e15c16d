using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>
/// Reads a failed instance's failure details. The engine keeps only <c>"ErrorType: message"</c> on the instance row;
/// the full details (stack trace, inner failures) are on the <c>ExecutionCompleted</c> event in its history.
/// </summary>
internal static class FailureDetailsReader
{
    public static async Task<TaskFailureDetails?> ReadAsync(
        AzureStorageOrchestrationService engine, string instanceId, string executionId, string? output, CancellationToken cancellationToken)
    {
        var history = await engine.GetOrchestrationHistoryAsync(instanceId, executionId).WaitAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(history);
        var completed = document.RootElement.EnumerateArray()
            .Where(e => e.TryGetProperty("FailureDetails", out var f) && f.ValueKind == JsonValueKind.Object)
            .Select(e => e.GetProperty("FailureDetails"))
            .LastOrDefault();
        return completed.ValueKind == JsonValueKind.Object ? FromJson(completed) : FromOutput(output);
    }

    /// <summary>Parses the instance row's <c>"ErrorType: message"</c> form.</summary>
    public static TaskFailureDetails? FromOutput(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        var colon = output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !output[..colon].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(output[..colon], output[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", output, null, null, null);
    }

    private static TaskFailureDetails FromJson(JsonElement failure) => new(
        String(failure, "ErrorType") ?? "Unknown",
        String(failure, "ErrorMessage") ?? string.Empty,
        String(failure, "StackTrace"),
        failure.TryGetProperty("InnerFailure", out var inner) && inner.ValueKind == JsonValueKind.Object ? FromJson(inner) : null,
        null);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
