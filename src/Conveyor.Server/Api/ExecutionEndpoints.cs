using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Repository;
using Conveyor.Server.Security;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Api;

/// <summary>The execution endpoints under <c>/api/executions</c>: query, status, stop, restart, abandon, skips.</summary>
internal static class ExecutionEndpoints
{
    /// <summary>Maps the execution endpoints (function key).</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var executions = app.MapGroup("/api/executions").RequireKey(AuthorizationLevel.Function).WithTags("Executions");
        executions.MapGet("/", QueryAsync)
            .WithName("QueryExecutions")
            .WithSummary("Finds executions by job, status, creation time and one parameter value, newest first, a page at a time.")
            .Produces<ExecutionPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        executions.MapGet("/{id}", GetAsync)
            .WithName("GetExecution")
            .WithSummary("Returns an execution with its steps and counts: 202 with Retry-After while it runs, 200 once it has ended.")
            .Produces<Execution>()
            .Produces<Execution>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        executions.MapPost("/{id}/stop", StopAsync)
            .WithName("StopExecution")
            .WithSummary("Asks a running execution to stop at its next checkpoint (STOPPING, then STOPPED).")
            .Produces<Execution>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        executions.MapPost("/{id}/restart", RestartAsync)
            .WithName("RestartExecution")
            .WithSummary("Restarts a FAILED or STOPPED execution as a new execution that resumes from the last committed chunk.")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        executions.MapPost("/{id}/abandon", AbandonAsync)
            .WithName("AbandonExecution")
            .WithSummary("Marks a stopped or failed execution ABANDONED: its instance can never be restarted.")
            .Produces<Execution>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        executions.MapGet("/{id}/skips", SkipsAsync)
            .WithName("GetExecutionSkips")
            .WithSummary("Lists the records the execution skipped, with step, phase, line number and reason.")
            .Produces<IReadOnlyList<SkippedRecord>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return executions;
    }

    private static async Task<IResult> QueryAsync(HttpContext http, IJobRepository repository)
    {
        var (query, problems) = ExecutionQueryReader.Read(http.Request.Query);
        if (query is null)
        {
            return ApiProblems.BadRequest("Invalid execution query", problems);
        }

        AsyncPageable<JobExecution> pageable;
        try
        {
            pageable = repository.FindJobExecutionsAsync(query, http.RequestAborted);
        }
        catch (ArgumentException)
        {
            return ApiProblems.BadRequest("Invalid execution query", ["The query parameter 'continuationToken' is not a token this API gave out."]);
        }

        await foreach (var page in pageable.AsPages(query.ContinuationToken, query.PageSize).WithCancellation(http.RequestAborted))
        {
            var items = page.Values.Select(e => Execution.Of(e, null, ExecutionLinks.For(http.Request, e.ExecutionId))).ToList();
            return Results.Ok(new ExecutionPage(items, page.ContinuationToken));
        }

        return Results.Ok(new ExecutionPage([], null));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IJobRepository repository, DurableTaskClient durable)
    {
        if (!ExecutionIds.IsWellFormed(id))
        {
            return ApiProblems.BadExecutionId();
        }

        // All reads at once: a status poll costs one storage round trip, not three. The execution id is its orchestration's instance id.
        var reading = repository.GetJobExecutionAsync(id, http.RequestAborted);
        var readingSteps = repository.GetStepExecutionsAsync(id, http.RequestAborted);
        var readingInstance = durable.GetInstanceAsync(id, cancellation: http.RequestAborted);
        await Task.WhenAll(reading, readingSteps, readingInstance);
        var (execution, steps, instance) = (await reading, await readingSteps, await readingInstance);
        if (execution is null)
        {
            return ApiProblems.ExecutionNotFound(id);
        }

        var view = Execution.Of(execution, steps, ExecutionLinks.For(http.Request, id), instance?.RuntimeStatus);
        if (!execution.IsRunning)
        {
            return Results.Ok(view);
        }

        http.Response.Headers.RetryAfter = "1";
        return Results.Accepted(view.StatusQueryGetUri, view);
    }

    private static async Task<IResult> StopAsync(string id, HttpContext http, IJobRepository repository, JobLauncher launcher)
    {
        if (await FindAsync(id, repository, http.RequestAborted) is { } problem)
        {
            return problem;
        }

        var execution = await launcher.StopAsync(id, CancellationToken.None);
        var view = Execution.Of(execution, null, ExecutionLinks.For(http.Request, id));
        http.Response.Headers.RetryAfter = "1";
        return Results.Accepted(view.StatusQueryGetUri, view);
    }

    private static async Task<IResult> RestartAsync(string id, HttpContext http, IJobRepository repository, JobLauncher launcher)
    {
        if (await FindAsync(id, repository, http.RequestAborted) is { } problem)
        {
            return problem;
        }

        var execution = await launcher.RestartAsync(id, CancellationToken.None);
        return JobEndpoints.Started(http, execution);
    }

    private static async Task<IResult> AbandonAsync(string id, HttpContext http, IJobRepository repository, JobLauncher launcher)
    {
        if (await FindAsync(id, repository, http.RequestAborted) is { } problem)
        {
            return problem;
        }

        var execution = await launcher.AbandonAsync(id, CancellationToken.None);
        return Results.Ok(Execution.Of(execution, null, ExecutionLinks.For(http.Request, id)));
    }

    private static async Task<IResult> SkipsAsync(string id, HttpContext http, IJobRepository repository)
    {
        if (await FindAsync(id, repository, http.RequestAborted) is { } problem)
        {
            return problem;
        }

        var skips = new List<SkippedRecord>();
        await foreach (var item in repository.GetSkippedItemsAsync(id, http.RequestAborted))
        {
            skips.Add(SkippedRecord.Of(item));
        }

        return Results.Ok(skips);
    }

    /// <summary>Returns the problem of an id that is malformed (400) or names no execution (404), else null.</summary>
    private static async Task<IResult?> FindAsync(string id, IJobRepository repository, CancellationToken cancellationToken) =>
        !ExecutionIds.IsWellFormed(id) ? ApiProblems.BadExecutionId()
        : await repository.GetJobExecutionAsync(id, cancellationToken) is null ? ApiProblems.ExecutionNotFound(id)
        : null;
}
