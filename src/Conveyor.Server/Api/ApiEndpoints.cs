using Conveyor.Api;
using Conveyor.Server.Security;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Api;

/// <summary>Maps every route of <see cref="ApiRoutes"/> to its Conveyor.Api handler, with its key level and OpenAPI description.</summary>
internal static class ApiEndpoints
{
    /// <summary>Maps the API.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static IEndpointRouteBuilder MapConveyorApi(this IEndpointRouteBuilder app)
    {
        Map(app, ApiRoutes.ListJobs, (JobHandlers jobs) => jobs.List())
            .WithTags("Jobs")
            .WithSummary("Lists the registered jobs with their parameters and input.")
            .Produces<IEnumerable<JobSummary>>();
        Map(app, ApiRoutes.StartJob, (string jobName, HttpContext http, DurableTaskClient client, JobHandlers jobs) => jobs.StartAsync(http, client, jobName))
            .WithTags("Jobs")
            .WithSummary("Starts a job (or restarts its instance when the last execution failed or stopped); answers at once with the status URIs.")
            .Accepts<StartJobRequest>("application/json")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.UploadJobFile, (string jobName, string? name, HttpContext http, DurableTaskClient client, JobHandlers jobs) => jobs.UploadAsync(http, client, jobName))
            .WithTags("Jobs")
            .WithSummary("Stores the body as input file 'name' of the job (streamed) and starts the job on it; param.<name>=<value> adds parameters.")
            .Accepts<Stream>("application/octet-stream", "*/*")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.QueryExecutions, (HttpContext http, ExecutionHandlers executions) => executions.QueryAsync(http))
            .WithTags("Executions")
            .WithSummary("Finds executions by job, status, creation time and one parameter value, newest first, a page at a time.")
            .Produces<ExecutionPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        Map(app, ApiRoutes.GetExecution, (string id, HttpContext http, DurableTaskClient client, ExecutionHandlers executions) => executions.GetAsync(http, client, id))
            .WithTags("Executions")
            .WithSummary("Returns an execution with its steps and counts: 202 with Retry-After while it runs, 200 once it has ended.")
            .Produces<Execution>()
            .Produces<Execution>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.StopExecution, (string id, HttpContext http, DurableTaskClient client, ExecutionHandlers executions) => executions.StopAsync(http, client, id))
            .WithTags("Executions")
            .WithSummary("Asks a running execution to stop at its next checkpoint (STOPPING, then STOPPED).")
            .Produces<Execution>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.RestartExecution, (string id, HttpContext http, DurableTaskClient client, ExecutionHandlers executions) => executions.RestartAsync(http, client, id))
            .WithTags("Executions")
            .WithSummary("Restarts a FAILED or STOPPED execution as a new execution that resumes from the last committed chunk.")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.AbandonExecution, (string id, HttpContext http, DurableTaskClient client, ExecutionHandlers executions) => executions.AbandonAsync(http, client, id))
            .WithTags("Executions")
            .WithSummary("Marks a stopped or failed execution ABANDONED: its instance can never be restarted.")
            .Produces<Execution>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.GetExecutionSkips, (string id, HttpContext http, ExecutionHandlers executions) => executions.SkipsAsync(http, id))
            .WithTags("Executions")
            .WithSummary("Lists the records the execution skipped, with step, phase, line number and reason.")
            .Produces<IReadOnlyList<SkippedRecord>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static RouteHandlerBuilder Map(IEndpointRouteBuilder app, ApiRoute route, Delegate handler) =>
        app.MapMethods(route.Path, [route.Method], handler)
            .WithName(route.Name)
            .RequireKey(route.Level)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
