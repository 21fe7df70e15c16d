using System.Globalization;
using System.Text.Json;
using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;

namespace Conveyor.Api;

/// <summary>
/// Turns the parameters of a request into <see cref="JobParameters"/>, collecting one problem per bad parameter.
/// </summary>
/// <remarks>
/// JSON values: a string is a string parameter, an integer a long, another number a double, and an object
/// <c>{"value", "type", "identifying"}</c> says its type (a date is ISO-8601 text) and whether it identifies the job
/// instance (default true). Text (a JSON string or a query value) for a parameter the job declares a type for
/// (<see cref="JobParametersValidator.Types"/>) is read as that type, so <c>"42"</c> can fill a long parameter.
/// </remarks>
internal sealed class JobParametersReader(JobDefinition job)
{
    private readonly Dictionary<string, JobParameter> _parameters = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Problem)> _problems = [];

    /// <summary>Reads the <c>parameters</c> object of a start request body (absent or null: no parameters).</summary>
    public JobParametersReader ReadBody(JsonDocument? body)
    {
        if (body is null)
        {
            return this;
        }

        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            _problems.Add((string.Empty, "The body must be a JSON object: {\"parameters\": {\"<name>\": <value>, ...}}."));
            return this;
        }

        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return this;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            _problems.Add((string.Empty, "'parameters' must be a JSON object of name: value."));
            return this;
        }

        foreach (var property in parameters.EnumerateObject())
        {
            Add(property.Name, ReadValue(property.Name, property.Value));
        }

        return this;
    }

    /// <summary>Reads a parameter given as text (an identifying string, or the job's declared type).</summary>
    public JobParametersReader ReadText(string name, string text)
    {
        Add(name, FromText(name, text, identifying: true));
        return this;
    }

    /// <summary>
    /// Returns the parameters, or throws <see cref="JobParametersInvalidException"/> naming every bad, missing or
    /// unknown parameter (the job's validator included).
    /// </summary>
    public JobParameters Build()
    {
        var parameters = new JobParameters(_parameters);
        var problems = _problems.Select(p => p.Problem).ToList();
        var bad = _problems.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        // A parameter that could not be read is not "missing" too: keep one message per parameter. A body of the wrong
        // shape is its only problem.
        if (!bad.Contains(string.Empty))
        {
            problems.AddRange((job.Validator?.Validate(parameters) ?? []).Where(p => !bad.Any(name => p.StartsWith($"The parameter '{name}'", StringComparison.Ordinal))));
        }

        return problems.Count > 0 ? throw new JobParametersInvalidException(problems) : parameters;
    }

    private void Add(string name, JobParameter? parameter)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            _problems.Add((name, "A parameter name must not be empty."));
        }
        else if (parameter is not null && !_parameters.TryAdd(name, parameter))
        {
            _problems.Add((name, $"The parameter '{name}' is given more than once."));
        }
    }

    private JobParameter? ReadValue(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return FromText(name, value.GetString()!, identifying: true);
            case JsonValueKind.Number:
                return FromNumber(name, value, DeclaredType(name), identifying: true);
            case JsonValueKind.Object:
                return FromObject(name, value);
            default:
                return Problem(name, $"The parameter '{name}' must be a string, a number or {{\"value\", \"type\", \"identifying\"}}; it is {Describe(value)}.");
        }
    }

    private JobParameter? FromObject(string name, JsonElement value)
    {
        if (!value.TryGetProperty("value", out var inner) || inner.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return Problem(name, $"The parameter '{name}' needs a \"value\" that is a string or a number.");
        }

        var identifying = true;
        if (value.TryGetProperty("identifying", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Problem(name, $"The parameter '{name}' has an \"identifying\" that is not true or false.");
            }

            identifying = flag.GetBoolean();
        }

        string? type = null;
        if (value.TryGetProperty("type", out var typeElement))
        {
            type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            if (type is not ("string" or "long" or "double" or "date"))
            {
                return Problem(name, $"The parameter '{name}' has a \"type\" that is not string, long, double or date.");
            }
        }

        type ??= DeclaredType(name);
        return inner.ValueKind == JsonValueKind.Number
            ? FromNumber(name, inner, type, identifying)
            : FromText(name, inner.GetString()!, identifying, type);
    }

    private JobParameter? FromNumber(string name, JsonElement number, string? type, bool identifying)
    {
        if (type is null or "long" && number.TryGetInt64(out var integer))
        {
            return new JobParameter(integer, identifying);
        }

        return type switch
        {
            null or "double" when number.TryGetDouble(out var real) && double.IsFinite(real) => new JobParameter(real, identifying),
            "string" => new JobParameter(number.GetRawText(), identifying),
            _ => Problem(name, $"The parameter '{name}' must be a {type ?? "finite number"}; {number.GetRawText()} is not one."),
        };
    }

    private JobParameter? FromText(string name, string text, bool identifying, string? type = null)
    {
        type ??= DeclaredType(name) ?? "string";
        switch (type)
        {
            case "long" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                return new JobParameter(integer, identifying);
            case "double" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real):
                return new JobParameter(real, identifying);
            case "date" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                return new JobParameter(date.ToUniversalTime(), identifying);
            case "string":
                return new JobParameter(text, identifying);
            default:
                return Problem(name, $"The parameter '{name}' must be a {type}{(type == "date" ? " (ISO-8601)" : string.Empty)}; '{Shorten(text)}' is not one.");
        }
    }

    private string? DeclaredType(string name) => job.Validator?.Types.GetValueOrDefault(name);

    private JobParameter? Problem(string name, string problem)
    {
        _problems.Add((name, problem));
        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
