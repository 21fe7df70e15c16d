using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Conveyor.Storage.Authentication;

/// <summary>Appends a shared access signature to each request's query unless the URI already carries one.</summary>
internal sealed class SharedAccessSignaturePolicy : HttpPipelineSynchronousPolicy
{
    private readonly AzureSasCredential _credential;

    public SharedAccessSignaturePolicy(AzureSasCredential credential) => _credential = credential;

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var query = uri.Query;
        if (query.Contains("sig=", StringComparison.Ordinal))
        {
            return;
        }

        var signature = _credential.Signature.TrimStart('?');
        uri.Query = string.IsNullOrEmpty(query) || query == "?" ? "?" + signature : query + "&" + signature;
    }
}
