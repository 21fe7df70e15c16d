using System.Text.Json;
using Conveyor.Durable.History;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// Serializes <see cref="TaskMessage"/>s as JSON queue message text, moving messages over the queue's size limit
/// to the large-payload container transparently.
/// </summary>
internal sealed class TaskMessageCodec(PayloadStore payloads)
{
    /// <summary>Queue messages hold 64 KiB; stay well below it to leave room for XML escaping.</summary>
    public const int MaxInlineMessageLength = 45_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string SerializeEvent(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Json);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Json) ?? throw new JsonException("A history event was null.");

    public async ValueTask<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(message, Json);
        return (await payloads.OffloadIfLargeAsync(text, MaxInlineMessageLength, message.InstanceId, cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<TaskMessage> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var resolved = await payloads.ResolveAsync(text, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<TaskMessage>(resolved!, Json) ?? throw new JsonException("A task message was null.");
    }
}
