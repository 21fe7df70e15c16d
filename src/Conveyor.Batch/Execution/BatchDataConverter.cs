using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Converters;

namespace Conveyor.Batch.Execution;

/// <summary>
/// The one place the JSON of orchestration inputs, outputs and activity payloads is pinned: web defaults (camelCase,
/// case-insensitive reads) with enums as strings, so a payload reads the same in every host and in the history.
/// </summary>
public static class BatchDataConverter
{
    /// <summary>Gets the serializer options of every orchestration and activity payload.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Gets the converter to set as <c>DataConverter</c> on the worker's and the client's options.</summary>
    public static JsonDataConverter Instance { get; } = new(JsonOptions);
}
