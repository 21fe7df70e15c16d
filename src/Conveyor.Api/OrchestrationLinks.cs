namespace Conveyor.Api;

/// <summary>
/// The management URLs of an orchestration instance, named as Durable Functions names them in its check-status
/// payload (<c>HttpManagementPayload</c>). In Azure Functions the Durable extension makes them; in the server, its
/// Durable Functions-compatible management API.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance's status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace <c>{eventName}</c>).</param>
/// <param name="TerminatePostUri">POST: terminate (replace <c>{text}</c> with a reason).</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge its history.</param>
/// <param name="SuspendPostUri">POST: suspend.</param>
/// <param name="ResumePostUri">POST: resume.</param>
/// <param name="RestartPostUri">POST: start the orchestration again with its input (below the batch model).</param>
public sealed record OrchestrationLinks(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string RestartPostUri);
