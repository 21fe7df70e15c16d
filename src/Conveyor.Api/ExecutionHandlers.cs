using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Repository;
using Microsoft.DurableTask.Client;

namespace Conveyor.Api;

/// <summary>
/// The execution routes: query (<see cref="ApiRoutes.QueryExecutions"/>), status, stop, restart, abandon and skips of
/// one execution.
/// </summary>
/// <remarks>Each method is the whole route: a host only maps it and passes its durable client.</remarks>
public sealed class ExecutionHandlers(JobLaunchers launchers, IJobRepository repository, JobStartedAnswer started, ILogger<ExecutionHandlers> logger)
{
    /// <summary>Finds executions by job, status, creation time and one parameter value, newest first, a page at a time.</summary>
    /// <param name="http">The request (its query).</param>
    /// <returns>200 with an <see cref="ExecutionPage"/>, or a problem.</returns>
    public Task<IResult> QueryAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ApiCall.RunAsync(http, logger, async () =>
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

            await foreach (var page in pageable.AsPages(query.ContinuationToken, query.PageSize).WithCancellation(http.RequestAborted).ConfigureAwait(false))
            {
                var items = page.Values.Select(e => Execution.Of(e, null, ExecutionLinks.For(http.Request, e.ExecutionId))).ToList();
                return Results.Ok(new ExecutionPage(items, page.ContinuationToken));
            }

            return Results.Ok(new ExecutionPage([], null));
        });
    }

    /// <summary>Returns an execution with its steps and counts: 202 with <c>Retry-After</c> while it runs, 200 once it has ended.</summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client (for the orchestration's runtime status).</param>
    /// <param name="id">The execution id.</param>
    /// <returns>200 or 202 with an <see cref="Execution"/>, or a problem.</returns>
    public Task<IResult> GetAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        return ApiCall.RunAsync(http, logger, async () =>
        {
            if (!ExecutionIds.IsWellFormed(id))
            {
                return ApiProblems.BadExecutionId();
            }

            // All reads at once: a status poll costs one storage round trip, not three. The execution id is its orchestration's instance id.
            var reading = repository.GetJobExecutionAsync(id, http.RequestAborted);
            var readingSteps = repository.GetStepExecutionsAsync(id, http.RequestAborted);
            var readingInstance = client.GetInstanceAsync(id, cancellation: http.RequestAborted);
            await Task.WhenAll(reading, readingSteps, readingInstance).ConfigureAwait(false);
            var (execution, steps, instance) = (await reading.ConfigureAwait(false), await readingSteps.ConfigureAwait(false), await readingInstance.ConfigureAwait(false));
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
            return Results.Accepted(view.ExecutionGetUri, view);
        });
    }

    /// <summary>Asks a running execution to stop at its next checkpoint (STOPPING, then STOPPED).</summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client.</param>
    /// <param name="id">The execution id.</param>
    /// <returns>202 with the <see cref="Execution"/>, or a problem.</returns>
    public Task<IResult> StopAsync(HttpContext http, DurableTaskClient client, string id) =>
        ExistingAsync(http, id, async () =>
        {
            var execution = await launchers.For(client).StopAsync(id, CancellationToken.None).ConfigureAwait(false);
            var view = Execution.Of(execution, null, ExecutionLinks.For(http.Request, id));
            http.Response.Headers.RetryAfter = "1";
            return Results.Accepted(view.ExecutionGetUri, view);
        });

    /// <summary>Restarts a FAILED or STOPPED execution as a new execution that resumes from the last committed chunk.</summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client.</param>
    /// <param name="id">The execution id.</param>
    /// <returns>202 with <see cref="JobStarted"/>, or a problem.</returns>
    public Task<IResult> RestartAsync(HttpContext http, DurableTaskClient client, string id) =>
        ExistingAsync(http, id, async () => started.For(http, client, await launchers.For(client).RestartAsync(id, CancellationToken.None).ConfigureAwait(false)));

    /// <summary>Marks a stopped or failed execution ABANDONED: its instance can never be restarted.</summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client.</param>
    /// <param name="id">The execution id.</param>
    /// <returns>200 with the <see cref="Execution"/>, or a problem.</returns>
    public Task<IResult> AbandonAsync(HttpContext http, DurableTaskClient client, string id) =>
        ExistingAsync(http, id, async () =>
        {
            var execution = await launchers.For(client).AbandonAsync(id, CancellationToken.None).ConfigureAwait(false);
            return Results.Ok(Execution.Of(execution, null, ExecutionLinks.For(http.Request, id)));
        });

    /// <summary>Lists the records the execution skipped, with step, phase, line number and reason.</summary>
    /// <param name="http">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <returns>200 with the <see cref="SkippedRecord"/>s, or a problem.</returns>
    public Task<IResult> SkipsAsync(HttpContext http, string id) =>
        ExistingAsync(http, id, async () =>
        {
            var skips = new List<SkippedRecord>();
            await foreach (var item in repository.GetSkippedItemsAsync(id, http.RequestAborted).ConfigureAwait(false))
            {
                skips.Add(SkippedRecord.Of(item));
            }

            return Results.Ok(skips);
        });

    /// <summary>Runs <paramref name="handler"/> for an execution that exists; answers 400 for a malformed id and 404 for an unknown one.</summary>
    private Task<IResult> ExistingAsync(HttpContext http, string id, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ApiCall.RunAsync(http, logger, async () =>
            !ExecutionIds.IsWellFormed(id) ? ApiProblems.BadExecutionId()
            : await repository.GetJobExecutionAsync(id, http.RequestAborted).ConfigureAwait(false) is null ? ApiProblems.ExecutionNotFound(id)
            : await handler().ConfigureAwait(false));
    }
}
