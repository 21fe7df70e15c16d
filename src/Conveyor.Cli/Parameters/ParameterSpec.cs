using System.Globalization;
using System.Text.Json.Nodes;
using Conveyor.Batch.Core;

namespace Conveyor.Cli.Parameters;

/// <summary>One job parameter from the command line: <c>--param name=value</c> or <c>--param name:type=value</c>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">string, long, double or date.</param>
/// <param name="Value">The typed value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="DateTimeOffset"/>.</param>
/// <param name="Identifying">Whether it is part of the JobInstance identity.</param>
internal sealed record ParameterSpec(string Name, string Type, object Value, bool Identifying = true)
{
    /// <summary>The syntax, for help and error messages.</summary>
    public const string Syntax = "name=value (a string) or name:type=value with type long, double or date (ISO-8601, UTC unless an offset is given)";

    private static readonly string[] Types = ["string", "long", "double", "date"];

    /// <summary>Gets the value as invariant text (dates in round-trip format).</summary>
    public string Text => new JobParameter(Value, Identifying).ToInvariantString();

    /// <summary>Parses <c>name=value</c> or <c>name:type=value</c>.</summary>
    /// <param name="token">The text after <c>--param</c>.</param>
    /// <param name="spec">The parameter.</param>
    /// <param name="error">What is wrong with <paramref name="token"/>.</param>
    /// <returns>Whether it parsed.</returns>
    public static bool TryParse(string token, out ParameterSpec? spec, out string? error)
    {
        ArgumentNullException.ThrowIfNull(token);
        spec = null;
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"invalid --param '{token}': expected {Syntax}";
            return false;
        }

        var head = token[..equals];
        var text = token[(equals + 1)..];
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? head : head[..colon];
        var type = colon < 0 ? "string" : head[(colon + 1)..].ToLowerInvariant();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            error = $"invalid --param '{token}': the name must be non-empty, without spaces";
            return false;
        }

        if (!Types.Contains(type))
        {
            error = $"invalid --param '{token}': unknown type '{type}'; expected string, long, double or date";
            return false;
        }

        object? value = type switch
        {
            "long" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            "double" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null,
            "date" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null,
            _ => text,
        };
        if (value is null)
        {
            error = $"invalid --param '{token}': '{text}' is not a {type}";
            return false;
        }

        spec = new ParameterSpec(name, type, value);
        error = null;
        return true;
    }

    /// <summary>Returns the engine's parameter.</summary>
    /// <returns>The parameter.</returns>
    public JobParameter ToJobParameter() => new(Value, Identifying);

    /// <summary>
    /// Returns the parameter's JSON in the API's <c>parameters</c> object: a plain string or integer for identifying
    /// strings and longs, otherwise <c>{"value", "type", "identifying"}</c> (so that a double like 2.0 stays a double).
    /// </summary>
    /// <returns>The JSON value.</returns>
    public JsonNode ToJson() => (Type, Identifying) switch
    {
        ("string", true) => JsonValue.Create((string)Value),
        ("long", true) => JsonValue.Create((long)Value),
        _ => new JsonObject
        {
            ["value"] = Value switch
            {
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                _ => JsonValue.Create(Text),
            },
            ["type"] = Type,
            ["identifying"] = Identifying,
        },
    };
}
