using System.Text.Json;

namespace Conveyor.Cli.Remote;

/// <summary>An RFC 7807 problem-details body (<c>application/problem+json</c>).</summary>
internal sealed class ProblemReport
{
    /// <summary>Gets the title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the detail.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the HTTP status.</summary>
    public int? Status { get; init; }

    /// <summary>Gets the errors: a list of texts, or an object of field names to texts.</summary>
    public JsonElement? Errors { get; init; }

    /// <summary>Returns each error as one line of text.</summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> ErrorLines()
    {
        if (Errors is not { } errors)
        {
            return [];
        }

        return errors.ValueKind switch
        {
            JsonValueKind.Array => [.. errors.EnumerateArray().Select(Text)],
            JsonValueKind.Object => [.. errors.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(v => $"{p.Name}: {Text(v)}")
                : [$"{p.Name}: {Text(p.Value)}"])],
            JsonValueKind.String => [Text(errors)],
            _ => [],
        };
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.ToString();
}
