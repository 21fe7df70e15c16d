using Microsoft.AspNetCore.Http.Extensions;

namespace Conveyor.Api;

/// <summary>
/// The absolute URIs of an execution's own endpoints (status, stop, restart, abandon, skips), built from the request's
/// scheme, host and path base; they need a function key, and the caller's key is never put into them.
/// </summary>
/// <param name="ExecutionGetUri">GET: the execution's status (202 while it runs, 200 once ended).</param>
/// <param name="StopPostUri">POST: asks it to stop at the next checkpoint.</param>
/// <param name="RestartExecutionPostUri">POST: restarts it when FAILED or STOPPED, from its last commit.</param>
/// <param name="AbandonPostUri">POST: abandons it.</param>
/// <param name="SkipsGetUri">GET: the records it skipped.</param>
public sealed record ExecutionLinks(string ExecutionGetUri, string StopPostUri, string RestartExecutionPostUri, string AbandonPostUri, string SkipsGetUri)
{
    /// <summary>Returns the links of execution <paramref name="executionId"/> as seen by <paramref name="request"/>.</summary>
    internal static ExecutionLinks For(HttpRequest request, string executionId)
    {
        var status = UriHelper.BuildAbsolute(
            request.Scheme, request.Host, request.PathBase, new PathString($"/{ApiRoutes.Prefix}/{ApiRoutes.Executions}/{Uri.EscapeDataString(executionId)}"));
        return new ExecutionLinks(status, status + "/stop", status + "/restart", status + "/abandon", status + "/skips");
    }
}
