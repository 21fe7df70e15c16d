using Conveyor.Batch.Core;

namespace Conveyor.Server.Api;

/// <summary>The answer to a start or restart: the new execution's id and where to follow it.</summary>
/// <param name="Id">The execution id (also its orchestration's instance id).</param>
/// <param name="InstanceId">The job instance id.</param>
/// <param name="JobName">The job.</param>
/// <param name="Status">The execution's status: STARTING.</param>
/// <param name="StatusQueryGetUri">GET: the execution's status (also the <c>Location</c> header).</param>
/// <param name="StopPostUri">POST: stops it at the next checkpoint.</param>
/// <param name="RestartPostUri">POST: restarts it when FAILED or STOPPED.</param>
/// <param name="TerminatePostUri">POST (admin key): terminates its orchestration.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE (admin key): purges its orchestration's history.</param>
internal sealed record JobStarted(
    string Id,
    string InstanceId,
    string JobName,
    string Status,
    string StatusQueryGetUri,
    string StopPostUri,
    string RestartPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri)
{
    /// <summary>Returns the answer for a new execution.</summary>
    public static JobStarted Of(JobExecution execution, ExecutionLinks links) => new(
        execution.ExecutionId,
        execution.InstanceId,
        execution.JobName,
        Execution.StatusText(execution.Status),
        links.StatusQueryGetUri,
        links.StopPostUri,
        links.RestartPostUri,
        links.TerminatePostUri,
        links.PurgeHistoryDeleteUri);
}
