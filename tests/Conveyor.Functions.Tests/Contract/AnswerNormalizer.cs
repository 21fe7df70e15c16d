using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>
/// Makes two hosts' answers comparable: execution ids (random per host) become <c>{id}</c> wherever they appear, times
/// become <c>{time}</c>, and a problem's <c>traceId</c> goes; everything else must be equal.
/// </summary>
internal static partial class AnswerNormalizer
{
    private static readonly HashSet<string> TimeProperties = ["createdAt", "startedAt", "endedAt", "lastUpdated"];

    public static string Normalize(ApiAnswer answer, IReadOnlyCollection<string> executionIds)
    {
        var body = answer.Body?.DeepClone();
        Scrub(body);
        var text = $"{answer.Status} location={answer.Location} retry-after={answer.RetryAfter} type={answer.ContentType}\n{body?.ToJsonString()}";
        foreach (var id in executionIds.Where(i => i.Length > 0))
        {
            text = text.Replace(id, "{id}", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Returns the execution ids in an answer (its <c>id</c>, and each listed item's).</summary>
    public static IEnumerable<string> ExecutionIds(ApiAnswer answer) =>
        answer.Body switch
        {
            JsonObject o when o["items"] is JsonArray items => items.Select(i => i?["id"]?.GetValue<string>() ?? string.Empty),
            JsonObject o when o["id"] is JsonValue id && ExecutionId().IsMatch(id.GetValue<string>()) => [id.GetValue<string>()],
            _ => [],
        };

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("traceId");
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (TimeProperties.Contains(name) && o[name] is JsonValue)
                    {
                        o[name] = "{time}";
                    }
                    else
                    {
                        Scrub(o[name]);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Scrub(item);
                }

                break;
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex ExecutionId();
}
