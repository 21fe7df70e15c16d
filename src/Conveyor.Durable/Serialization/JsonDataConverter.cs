using System.Text.Json;

namespace Conveyor.Durable;

/// <summary>The default <see cref="DataConverter"/>: System.Text.Json with web defaults (camelCase, case-insensitive).</summary>
public sealed class JsonDataConverter : DataConverter
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="JsonDataConverter"/> class.</summary>
    /// <param name="options">Serializer options; web defaults when omitted.</param>
    public JsonDataConverter(JsonSerializerOptions? options = null) => _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    /// <summary>Gets the shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <inheritdoc/>
    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, targetType, _options);
    }
}
