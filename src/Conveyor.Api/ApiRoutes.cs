namespace Conveyor.Api;

/// <summary>
/// The API's routes, one entry each: both hosts map exactly these (the server as endpoints, Azure Functions as HTTP
/// functions whose attributes use the constants below), and tests check both against this table.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The route prefix of every API route (Azure Functions' default HTTP route prefix).</summary>
    public const string Prefix = "api";

    /// <summary>GET: the registered jobs.</summary>
    public const string Jobs = "jobs";

    /// <summary>POST: starts a job.</summary>
    public const string Job = "jobs/{jobName}";

    /// <summary>POST: stores the body as an input file of the job and starts it.</summary>
    public const string JobFiles = "jobs/{jobName}/files";

    /// <summary>GET: finds executions.</summary>
    public const string Executions = "executions";

    /// <summary>GET: an execution's status.</summary>
    public const string Execution = "executions/{id}";

    /// <summary>POST: stops an execution.</summary>
    public const string ExecutionStop = "executions/{id}/stop";

    /// <summary>POST: restarts an execution.</summary>
    public const string ExecutionRestart = "executions/{id}/restart";

    /// <summary>POST: abandons an execution.</summary>
    public const string ExecutionAbandon = "executions/{id}/abandon";

    /// <summary>GET: the records an execution skipped.</summary>
    public const string ExecutionSkips = "executions/{id}/skips";

    /// <summary>Lists the registered jobs.</summary>
    public static readonly ApiRoute ListJobs = new(nameof(ListJobs), "GET", Jobs, AuthorizationLevel.Function);

    /// <summary>Starts a job.</summary>
    public static readonly ApiRoute StartJob = new(nameof(StartJob), "POST", Job, AuthorizationLevel.Function);

    /// <summary>Uploads a file and starts the job on it.</summary>
    public static readonly ApiRoute UploadJobFile = new(nameof(UploadJobFile), "POST", JobFiles, AuthorizationLevel.Function);

    /// <summary>Finds executions.</summary>
    public static readonly ApiRoute QueryExecutions = new(nameof(QueryExecutions), "GET", Executions, AuthorizationLevel.Function);

    /// <summary>Gets an execution.</summary>
    public static readonly ApiRoute GetExecution = new(nameof(GetExecution), "GET", Execution, AuthorizationLevel.Function);

    /// <summary>Stops an execution.</summary>
    public static readonly ApiRoute StopExecution = new(nameof(StopExecution), "POST", ExecutionStop, AuthorizationLevel.Function);

    /// <summary>Restarts an execution.</summary>
    public static readonly ApiRoute RestartExecution = new(nameof(RestartExecution), "POST", ExecutionRestart, AuthorizationLevel.Function);

    /// <summary>Abandons an execution.</summary>
    public static readonly ApiRoute AbandonExecution = new(nameof(AbandonExecution), "POST", ExecutionAbandon, AuthorizationLevel.Function);

    /// <summary>Lists an execution's skipped records.</summary>
    public static readonly ApiRoute GetExecutionSkips = new(nameof(GetExecutionSkips), "GET", ExecutionSkips, AuthorizationLevel.Function);

    /// <summary>Gets every route.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
        [ListJobs, StartJob, UploadJobFile, QueryExecutions, GetExecution, StopExecution, RestartExecution, AbandonExecution, GetExecutionSkips];
}
