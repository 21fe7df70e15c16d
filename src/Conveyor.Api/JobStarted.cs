using Conveyor.Batch.Core;

namespace Conveyor.Api;

/// <summary>
/// The answer to a start or restart: Durable Functions' check-status payload of the execution's orchestration (the
/// execution id is its instance id) followed by the execution's own endpoints.
/// </summary>
/// <param name="Id">The execution id, which is also its orchestration's instance id.</param>
/// <param name="StatusQueryGetUri">GET: the orchestration's status (Durable Functions' name).</param>
/// <param name="SendEventPostUri">POST: raise an event on the orchestration.</param>
/// <param name="TerminatePostUri">POST: terminate the orchestration.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge the orchestration's history.</param>
/// <param name="SuspendPostUri">POST: suspend the orchestration.</param>
/// <param name="ResumePostUri">POST: resume the orchestration.</param>
/// <param name="RestartPostUri">POST: start the orchestration again (below the batch model; to restart a job use <paramref name="RestartExecutionPostUri"/>).</param>
/// <param name="JobInstanceId">The job instance id.</param>
/// <param name="JobName">The job.</param>
/// <param name="Status">The execution's status: STARTING.</param>
/// <param name="ExecutionGetUri">GET: the execution's status with steps and counts (also the <c>Location</c> header).</param>
/// <param name="StopPostUri">POST: stops it at the next checkpoint.</param>
/// <param name="RestartExecutionPostUri">POST: restarts it when FAILED or STOPPED, from the last commit.</param>
/// <param name="AbandonPostUri">POST: abandons it.</param>
/// <param name="SkipsGetUri">GET: the records it skipped.</param>
public sealed record JobStarted(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string RestartPostUri,
    string JobInstanceId,
    string JobName,
    string Status,
    string ExecutionGetUri,
    string StopPostUri,
    string RestartExecutionPostUri,
    string AbandonPostUri,
    string SkipsGetUri)
{
    /// <summary>Returns the answer for a new execution.</summary>
    internal static JobStarted Of(JobExecution execution, OrchestrationLinks orchestration, ExecutionLinks links) => new(
        execution.ExecutionId,
        orchestration.StatusQueryGetUri,
        orchestration.SendEventPostUri,
        orchestration.TerminatePostUri,
        orchestration.PurgeHistoryDeleteUri,
        orchestration.SuspendPostUri,
        orchestration.ResumePostUri,
        orchestration.RestartPostUri,
        execution.InstanceId,
        execution.JobName,
        Execution.StatusText(execution.Status),
        links.ExecutionGetUri,
        links.StopPostUri,
        links.RestartExecutionPostUri,
        links.AbandonPostUri,
        links.SkipsGetUri);
}
