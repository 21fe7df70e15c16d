using Microsoft.DurableTask.Client;

namespace Conveyor.Api;

/// <summary>Makes an orchestration's management URLs as the host serves them; each host registers its own.</summary>
public interface IOrchestrationLinkFactory
{
    /// <summary>Returns the management URLs of <paramref name="instanceId"/> as seen by the request.</summary>
    /// <param name="request">The request being answered (its scheme, host and path base).</param>
    /// <param name="client">The durable client of the request.</param>
    /// <param name="instanceId">The orchestration instance id.</param>
    /// <returns>The URLs.</returns>
    OrchestrationLinks Create(HttpRequest request, DurableTaskClient client, string instanceId);
}
