using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Conveyor.Storage.Authentication;

/// <summary>
/// Signs each attempt of a request with Shared Key authorization.
/// </summary>
/// <remarks>
/// Runs per retry, after <see cref="Pipeline.StorageHeadersPolicy"/> has stamped a fresh <c>x-ms-date</c>, so
/// a retried request carries a new signature. The blob and queue services sign the full header set; the
/// table service signs a shorter string (see <see cref="SharedKeyFormat"/>).
/// </remarks>
internal sealed class SharedKeyAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly SharedKeyFormat _format;

    public SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential, SharedKeyFormat format)
    {
        _credential = credential;
        _format = format;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var stringToSign = _format == SharedKeyFormat.Table
            ? BuildTableStringToSign(request)
            : BuildBlobQueueStringToSign(request);
        var signature = _credential.ComputeHmacSha256(stringToSign);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {_credential.AccountName}:{signature}");
    }

    private string BuildBlobQueueStringToSign(Request request)
    {
        var contentLength = request.Content is { } content && content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        var builder = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(string.Empty).Append('\n') // Date: x-ms-date is always sent instead.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.Uri.ToUri(), fullQuery: true);
        return builder.ToString();
    }

    private string BuildTableStringToSign(Request request)
    {
        var builder = new StringBuilder(128)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(Header(request, "x-ms-date")).Append('\n');
        AppendCanonicalizedResource(builder, request.Uri.ToUri(), fullQuery: false);
        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = new List<(string Name, string Value)>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
headers.Add((header.Name.ToLowerInvariant(), header.Value.Trim()));
}
        }

        headers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private void AppendCanonicalizedResource(StringBuilder builder, Uri uri, bool fullQuery)
    {
        builder.Append('/').Append(_credential.AccountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        var query = ParseQuery(uri.Query);
        if (!fullQuery)
        {
            if (query.TryGetValue("comp", out var comp))
            {
                builder.Append("?comp=").Append(string.Join(',', comp));
            }

            return;
        }

        foreach (var (name, values) in query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }
}
