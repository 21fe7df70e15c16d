using Microsoft.AspNetCore.Http.Extensions;

namespace Conveyor.Server.Api;

/// <summary>
/// The absolute URIs of an execution's status, stop, restart, terminate and purge endpoints, built from the request's
/// scheme, host and path base (as Durable Functions builds its management URLs).
/// </summary>
/// <remarks>The caller's key (<c>code</c> query or header) is never put into a URI: keys are secrets.</remarks>
/// <param name="StatusQueryGetUri">GET: the execution's status.</param>
/// <param name="StopPostUri">POST: asks it to stop at the next checkpoint.</param>
/// <param name="RestartPostUri">POST: restarts it when FAILED or STOPPED.</param>
/// <param name="TerminatePostUri">POST (admin key): terminates its orchestration; replace <c>{text}</c> with a reason.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE (admin key): purges its orchestration's history.</param>
internal sealed record ExecutionLinks(string StatusQueryGetUri, string StopPostUri, string RestartPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    /// <summary>Returns the links of execution <paramref name="executionId"/> as seen by <paramref name="request"/>.</summary>
    public static ExecutionLinks For(HttpRequest request, string executionId)
    {
        var id = Uri.EscapeDataString(executionId);
        var status = Absolute(request, $"/api/executions/{id}");
        var instance = Absolute(request, $"/runtime/webhooks/durabletask/instances/{id}");
        return new ExecutionLinks(status, status + "/stop", status + "/restart", instance + "/terminate?reason={text}", instance);
    }

    /// <summary>Returns the absolute URI of <paramref name="path"/> (already escaped) on the request's host.</summary>
    public static string Absolute(HttpRequest request, string path) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString(path));
}
