using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;

namespace Conveyor.Storage.Tables;

/// <summary>
/// Converts entities to and from the Table service's OData JSON (version 3.0) with type annotations.
/// </summary>
/// <remarks>
/// Writing: <c>Int64</c>, <c>DateTime</c>, <c>Guid</c>, <c>Binary</c> and <c>Double</c> values carry a
/// <c>Name@odata.type</c> annotation (Int64 as a decimal string, Binary as base64, non-finite doubles as
/// <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>). Annotating doubles matters: without it the service would
/// store <c>1.0</c>, written by JSON as <c>1</c>, as an Int32. Reading (minimal metadata): an unannotated number is a
/// Double when its JSON text has a fraction or exponent (the service writes integral doubles as <c>1.0</c>), an
/// Int32 otherwise.
/// </remarks>
internal static class TableEntityJson
{
    public const string EdmBinary = "Edm.Binary";
    public const string EdmBoolean = "Edm.Boolean";
    public const string EdmDateTime = "Edm.DateTime";
    public const string EdmDouble = "Edm.Double";
    public const string EdmGuid = "Edm.Guid";
    public const string EdmInt32 = "Edm.Int32";
    public const string EdmInt64 = "Edm.Int64";
    public const string EdmString = "Edm.String";

    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Writer options: compact (batch parsers expect one line per body) and no needless escaping of non-ASCII text.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Write(IBufferWriter<byte> buffer, TableEntity entity)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        Write(writer, entity);
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            if (value is null || name == TableEntity.TimestampName)
            {
                continue;
            }

            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, EdmInt64);
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                WriteDouble(writer, name, d);
                break;
            case float f:
                WriteDouble(writer, name, f);
                break;
            case DateTimeOffset o:
                writer.WriteString(name + TypeSuffix, EdmDateTime);
                writer.WriteString(name, FormatDateTime(o));
                break;
            case DateTime dt:
                writer.WriteString(name + TypeSuffix, EdmDateTime);
                writer.WriteString(name, FormatDateTime(dt));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, EdmGuid);
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, EdmBinary);
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                writer.WriteString(name + TypeSuffix, EdmBinary);
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            case Enum e:
                writer.WriteString(name, e.ToString());
                break;
            default:
                throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}, which tables cannot store.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double d)
    {
        writer.WriteString(name + TypeSuffix, EdmDouble);
        if (double.IsNaN(d))
        {
            writer.WriteString(name, "NaN");
        }
        else if (double.IsPositiveInfinity(d))
        {
            writer.WriteString(name, "Infinity");
        }
        else if (double.IsNegativeInfinity(d))
        {
            writer.WriteString(name, "-Infinity");
        }
        else
        {
            writer.WriteNumber(name, d);
        }
    }

    /// <summary>Reads one entity object of a response (a single entity or one element of <c>value</c>).</summary>
    public static TableEntity Read(JsonElement element)
    {
        var entity = new TableEntity(capacity: 8);
        Dictionary<string, string>? types = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                types ??= new Dictionary<string, string>(StringComparer.Ordinal);
                types[name[..^TypeSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
            else if (name == "odata.etag")
            {
                entity.ETag = new ETag(property.Value.GetString()!);
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            string? type = null;
            types?.TryGetValue(name, out type);
            if (name == TableEntity.TimestampName && property.Value.ValueKind == JsonValueKind.String)
            {
                type = EdmDateTime;
            }

            entity[name] = ReadValue(name, property.Value, type);
        }

        return entity;
    }

    private static object? ReadValue(string name, JsonElement value, string? type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        try
        {
            return type switch
            {
                null => ReadUntyped(value),
                EdmString => value.GetString(),
                EdmBoolean => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
                EdmInt32 => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
                EdmInt64 => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
                EdmDouble => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
                EdmDateTime => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                EdmGuid => Guid.Parse(value.GetString()!),
                EdmBinary => value.GetBytesFromBase64(),
                _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new InvalidOperationException($"Property '{name}' of type {type} has a value the client cannot read: {e.Message}", e);
        }
    }

    private static object? ReadUntyped(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var raw = value.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
                {
                    return value.GetDouble();
                }

                // Each branch boxes its own type: a conditional expression would promote them all to double.
                if (value.TryGetInt32(out var i))
                {
                    return i;
                }

                return value.TryGetInt64(out var l) ? (object)l : value.GetDouble();
            default:
                return value.GetRawText();
        }
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
