using System.Globalization;
using System.Text.Json;
using Azure.Core;

namespace Conveyor.Storage.Tables;

/// <summary>Reads the operation responses out of a <c>$batch</c> response body and finds a failed operation.</summary>
/// <remarks>
/// The parser is line based and tolerant of boundary names and line endings: each <c>HTTP/1.1 NNN</c> line starts
/// an operation response, its headers run to the first empty line, its body to the next boundary line.
/// </remarks>
internal static class TableTransactionResponse
{
    public static List<TableSubResponse> Parse(string body)
    {
        var responses = new List<TableSubResponse>();
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!line.StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(' ', 3);
            var status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var reason = parts.Length > 2 ? parts[2] : string.Empty;
            var headers = new List<HttpHeader>();
            for (i++; i < lines.Length; i++)
            {
                var header = lines[i].TrimEnd('\r');
                if (header.Length == 0)
                {
                    break;
                }

                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new HttpHeader(header[..colon].Trim(), header[(colon + 1)..].Trim()));
                }
            }

            var content = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Add(lines[i].TrimEnd('\r'));
            }

            i--;
            var text = string.Join('\n', content).Trim();
            responses.Add(new TableSubResponse(status, reason, headers, BinaryData.FromString(text)));
        }

        return responses;
    }

    /// <summary>Builds the exception for a failed operation response.</summary>
    public static TableTransactionFailedException Failure(TableSubResponse failed, int actionCount)
    {
        var (code, message) = ParseError(failed.BodyText);
        int? index = null;
        if (message is not null)
        {
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                index = parsed;
                message = message[(colon + 1)..];
            }
        }

        if (index is null && failed.Headers.TryGetValue("Content-ID", out var contentId) &&
            int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1)
        {
            index = id - 1;
        }

        if (index is null && actionCount == 1)
        {
            index = 0;
        }

        if (index is not null && (index < 0 || index >= actionCount))
        {
            index = null;
        }

        var firstLine = message is null ? null : message.Split('\n', 2)[0].Trim();
        var text = $"The table transaction failed with status {failed.Status} ({failed.ReasonPhrase})" +
            (code is null ? string.Empty : $", error code {code}") +
            (index is null ? string.Empty : $", at action {index}") +
            (string.IsNullOrWhiteSpace(firstLine) ? "." : $": {firstLine}");
        return new TableTransactionFailedException(failed.Status, text, code, index);
    }

    private static (string? Code, string? Message) ParseError(string body)
    {
        if (!body.StartsWith('{'))
        {
            return (null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("odata.error", out var error))
            {
                return (null, null);
            }

            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            string? message = null;
            if (error.TryGetProperty("message", out var m))
            {
                message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
