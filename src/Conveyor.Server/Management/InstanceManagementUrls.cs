namespace Conveyor.Server.Management;

/// <summary>The management URLs of an instance, as Durable Functions' check-status response lists them (keys are never included).</summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance's status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace <c>{eventName}</c>).</param>
/// <param name="TerminatePostUri">POST: terminate.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge its history.</param>
/// <param name="SuspendPostUri">POST: suspend.</param>
/// <param name="ResumePostUri">POST: resume.</param>
/// <param name="RestartPostUri">POST: restart.</param>
internal sealed record InstanceManagementUrls(
    string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri, string SuspendPostUri, string ResumePostUri, string RestartPostUri)
{
    public static InstanceManagementUrls For(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{DurableManagementEndpoints.BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        return new InstanceManagementUrls(
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
