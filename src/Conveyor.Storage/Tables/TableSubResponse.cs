using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Tables;

/// <summary>One operation's response inside a <c>$batch</c> response.</summary>
internal sealed class TableSubResponse : Response
{
    private readonly List<HttpHeader> _headers;

    public TableSubResponse(int status, string reasonPhrase, List<HttpHeader> headers, BinaryData body)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
        ContentStream = body.ToStream();
        BodyText = body.ToString();
        ClientRequestId = string.Empty;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    /// <summary>Gets the part's body as text (an OData error for a failed operation, usually empty otherwise).</summary>
    public string BodyText { get; }

    public override void Dispose()
    {
        ContentStream?.Dispose();
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found.Count > 0 ? found : null;
        return values is not null;
    }
}
