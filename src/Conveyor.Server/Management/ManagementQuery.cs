using System.Globalization;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Management;

/// <summary>Reads the management API's query parameters, collecting one error per bad parameter for a 400.</summary>
internal sealed class ManagementQuery(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IResult Problem() => Results.ValidationProblem(_errors, title: "Invalid query parameters");

    public string? String(string name) => query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    public bool Bool(string name, bool fallback)
    {
        if (String(name) is not { } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _errors[name] = [$"'{text}' is not true or false."];
        return fallback;
    }

    public DateTimeOffset? Date(string name)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        _errors[name] = [$"'{text}' is not an ISO-8601 timestamp."];
        return null;
    }

    public int? Int(string name, int min, int max)
    {
        if (String(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors[name] = [$"'{text}' is not a whole number from {min} to {max}."];
        return null;
    }

    public IReadOnlyCollection<OrchestrationRuntimeStatus> Statuses(string name)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var text in query[name].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                statuses.Add(status);
            }
            else
            {
                _errors[name] = [$"'{text}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."];
            }
        }

        return statuses.Distinct().ToList();
    }

    /// <summary>Checks a route's instance id against the characters table keys cannot hold.</summary>
    public void InstanceId(string instanceId)
    {
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            _errors["instanceId"] = ["Instance ids are at most 256 characters without '/', '\\', '#', '?' or control characters."];
        }
    }
}
