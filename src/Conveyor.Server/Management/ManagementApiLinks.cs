using Conveyor.Api;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Management;

/// <summary>The server's orchestration links: its own Durable Functions-compatible management API (admin key), on the request's host.</summary>
internal sealed class ManagementApiLinks : IOrchestrationLinkFactory
{
    public OrchestrationLinks Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{DurableManagementEndpoints.BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        return new OrchestrationLinks(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance,
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}",
            instance + "/restart");
    }
}
