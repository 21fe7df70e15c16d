using Conveyor.Batch.Core;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Api;

/// <summary>A job execution as the API shows it: status, parameters, times, steps with counts, and its links.</summary>
/// <param name="Id">The execution id.</param>
/// <param name="InstanceId">The job instance id.</param>
/// <param name="JobName">The job.</param>
/// <param name="Status">STARTING, STARTED, STOPPING, STOPPED, COMPLETED, FAILED, ABANDONED or UNKNOWN.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="ExitDescription">The exit description.</param>
/// <param name="Parameters">The parameters by name.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="LastUpdated">When it was last updated.</param>
/// <param name="RestartOf">The execution it restarted, if any.</param>
/// <param name="Steps">Its steps with their partitions; null in listings (ask the execution's status URI).</param>
/// <param name="Failures">The failure messages.</param>
/// <param name="SkipCount">Items skipped in all steps; null in listings.</param>
/// <param name="StatusQueryGetUri">GET: this status.</param>
/// <param name="StopPostUri">POST: stop.</param>
/// <param name="RestartPostUri">POST: restart.</param>
/// <param name="TerminatePostUri">POST (admin key): terminate the orchestration.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE (admin key): purge the orchestration's history.</param>
/// <param name="RuntimeStatus">
/// The runtime status of the execution's orchestration (Pending, Running, Suspended, Completed, Failed, Terminated), as
/// the management API shows it; null in listings and when the orchestration no longer exists (purged).
/// </param>
internal sealed record Execution(
    string Id,
    string InstanceId,
    string JobName,
    string Status,
    string ExitCode,
    string ExitDescription,
    IReadOnlyDictionary<string, ExecutionParameter> Parameters,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    DateTime LastUpdated,
    string? RestartOf,
    IReadOnlyList<ExecutionStep>? Steps,
    IReadOnlyList<string> Failures,
    long? SkipCount,
    string StatusQueryGetUri,
    string StopPostUri,
    string RestartPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string? RuntimeStatus = null)
{
    /// <summary>Returns the view of an execution; with its step executions when <paramref name="steps"/> is given.</summary>
    public static Execution Of(JobExecution execution, IReadOnlyList<StepExecution>? steps, ExecutionLinks links, OrchestrationRuntimeStatus? runtimeStatus = null)
    {
        var nested = steps is null ? null : ExecutionStep.Of(steps);
        return new Execution(
            execution.ExecutionId,
            execution.InstanceId,
            execution.JobName,
            StatusText(execution.Status),
            execution.ExitStatus.ExitCode,
            execution.ExitStatus.ExitDescription,
            execution.Parameters.Values.ToDictionary(p => p.Key, p => ExecutionParameter.Of(p.Value), StringComparer.Ordinal),
            execution.CreatedAt.UtcDateTime,
            execution.StartedAt?.UtcDateTime,
            execution.EndedAt?.UtcDateTime,
            execution.LastUpdatedAt.UtcDateTime,
            execution.RestartOf,
            nested,
            execution.Failures,
            nested?.Sum(s => s.SkipCount),
            links.StatusQueryGetUri,
            links.StopPostUri,
            links.RestartPostUri,
            links.TerminatePostUri,
            links.PurgeHistoryDeleteUri,
            runtimeStatus?.ToString());
    }

    /// <summary>Returns a status as the API writes it: upper case, as in Spring Batch.</summary>
    public static string StatusText(BatchStatus status) => status.ToString().ToUpperInvariant();
}
