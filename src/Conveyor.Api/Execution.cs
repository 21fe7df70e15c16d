using System.Text.Json.Serialization;
using Conveyor.Batch.Core;
using Microsoft.DurableTask.Client;

namespace Conveyor.Api;

/// <summary>A job execution as the API shows it: status, parameters, times, steps with counts, and its links.</summary>
/// <param name="Id">The execution id.</param>
/// <param name="JobInstanceId">The job instance id.</param>
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
/// <param name="Links">Its endpoints (written as properties of the execution).</param>
/// <param name="RuntimeStatus">
/// The runtime status of the execution's orchestration (Pending, Running, Suspended, Completed, Failed, Terminated), as
/// the management API shows it; null in listings and when the orchestration no longer exists (purged).
/// </param>
public sealed record Execution(
    string Id,
    string JobInstanceId,
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
    [property: JsonIgnore] ExecutionLinks Links,
    string? RuntimeStatus = null)
{
    /// <summary>Returns the view of an execution; with its step executions when <paramref name="steps"/> is given.</summary>
    internal static Execution Of(JobExecution execution, IReadOnlyList<StepExecution>? steps, ExecutionLinks links, OrchestrationRuntimeStatus? runtimeStatus = null)
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
            links,
            runtimeStatus?.ToString());
    }

    /// <summary>Gets GET: this status.</summary>
    public string ExecutionGetUri => Links.ExecutionGetUri;

    /// <summary>Gets POST: stop.</summary>
    public string StopPostUri => Links.StopPostUri;

    /// <summary>Gets POST: restart from the last commit.</summary>
    public string RestartExecutionPostUri => Links.RestartExecutionPostUri;

    /// <summary>Gets POST: abandon.</summary>
    public string AbandonPostUri => Links.AbandonPostUri;

    /// <summary>Gets GET: the skipped records.</summary>
    public string SkipsGetUri => Links.SkipsGetUri;

    /// <summary>Returns a status as the API writes it: upper case, as in Spring Batch.</summary>
    public static string StatusText(BatchStatus status) => status.ToString().ToUpperInvariant();
}
