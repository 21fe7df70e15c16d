using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.Repository;

namespace Conveyor.Api;

/// <summary>
/// Reads <c>GET /api/executions</c>'s query: <c>job</c>, <c>status</c> (comma-separated or repeated), one
/// <c>param.&lt;name&gt;=&lt;value&gt;</c>, <c>from</c>/<c>to</c> (ISO-8601), <c>top</c> (1–1000, default 50) and
/// <c>continuationToken</c>; one problem per bad value.
/// </summary>
internal static class ExecutionQueryReader
{
    /// <summary>The most executions one page may hold.</summary>
    public const int MaxTop = 1000;

    /// <summary>The page size when <c>top</c> is not given.</summary>
    public const int DefaultTop = 50;

    private const string ParameterPrefix = "param.";

    /// <summary>Returns the repository query, or the problems with the request's query.</summary>
    public static (JobExecutionQuery? Query, IReadOnlyList<string> Problems) Read(IQueryCollection query)
    {
        var problems = new List<string>();
        var job = Single(query, "job", problems);
        if (job is not null && (job.Length is 0 or > 200 || !job.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add("The query parameter 'job' must be a job name: letters, digits, '-', '_' or '.'.");
        }

        var statuses = new List<BatchStatus>();
        foreach (var text in query["status"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!text.All(char.IsAsciiLetter) || !Enum.TryParse<BatchStatus>(text, ignoreCase: true, out var status))
            {
                problems.Add($"The query parameter 'status' has '{Shorten(text)}'; expected {string.Join(", ", Enum.GetNames<BatchStatus>().Select(n => n.ToUpperInvariant()))}.");
                continue;
            }

            statuses.Add(status);
        }

        var parameters = query.Where(q => q.Key.StartsWith(ParameterPrefix, StringComparison.Ordinal) && q.Key.Length > ParameterPrefix.Length).ToList();
        if (parameters.Count > 1 || parameters.Any(p => p.Value.Count > 1))
        {
            problems.Add("At most one 'param.<name>=<value>' filter may be given.");
        }

        var from = Time(query, "from", problems);
        var to = Time(query, "to", problems);
        var top = DefaultTop;
        if (Single(query, "top", problems) is { } topText
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            problems.Add($"The query parameter 'top' must be a whole number from 1 to {MaxTop}.");
        }

        var token = Single(query, "continuationToken", problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var parameter = parameters.Count == 1 ? parameters[0] : default;
        return (new JobExecutionQuery
        {
            JobName = job,
            Statuses = statuses,
            ParameterName = parameter.Key?[ParameterPrefix.Length..],
            ParameterValue = parameter.Key is null ? null : parameter.Value.ToString(),
            CreatedFrom = from,
            CreatedTo = to,
            PageSize = top,
            ContinuationToken = string.IsNullOrEmpty(token) ? null : token,
        }, []);
    }

    private static string? Single(IQueryCollection query, string name, List<string> problems)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            problems.Add($"The query parameter '{name}' is given more than once.");
        }

        return values.Count == 0 ? null : values[0];
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, List<string> problems)
    {
        if (Single(query, name, problems) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        problems.Add($"The query parameter '{name}' must be an ISO-8601 time; '{Shorten(text)}' is not one.");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
