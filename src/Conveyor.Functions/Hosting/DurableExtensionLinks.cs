using Conveyor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Conveyor.Functions.Hosting;

/// <summary>
/// The orchestration links the Durable extension makes (<c>CreateHttpManagementPayload</c>: the host's webhook base URL),
/// without the extension's system key: secrets never go into payloads, and a caller of the management API brings its own key.
/// </summary>
internal sealed class DurableExtensionLinks : IOrchestrationLinkFactory
{
    public OrchestrationLinks Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId);
        return new OrchestrationLinks(
            instanceId,
            WithoutKey(payload.StatusQueryGetUri),
            WithoutKey(payload.SendEventPostUri),
            WithoutKey(payload.TerminatePostUri),
            WithoutKey(payload.PurgeHistoryDeleteUri),
            WithoutKey(payload.SuspendPostUri),
            WithoutKey(payload.ResumePostUri),
            WithoutKey(payload.RestartPostUri));
    }

    /// <summary>Removes the <c>code</c> query parameter (a key) from a URL template, keeping the others in order.</summary>
    internal static string WithoutKey(string? url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }

        var kept = url[(query + 1)..].Split('&').Where(p => !p.StartsWith("code=", StringComparison.OrdinalIgnoreCase)).ToList();
        return kept.Count == 0 ? url[..query] : $"{url[..query]}?{string.Join('&', kept)}";
    }
}
