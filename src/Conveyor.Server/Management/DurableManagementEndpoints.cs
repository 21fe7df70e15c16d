using System.Text.Json;
using Conveyor.Api;
using Conveyor.Server.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Conveyor.Server.Management;

/// <summary>
/// The Durable Functions HTTP management API on the app's task hub, under <c>/runtime/webhooks/durabletask</c>, with
/// its documented routes, status codes, headers and JSON shapes. Admin key only.
/// </summary>
/// <remarks>
/// These act on orchestrations, below the batch model: terminating or restarting a job's orchestration does not
/// update its JobExecution (the launcher recovers such orphans on the next start). Jobs are controlled through
/// <c>/api/executions</c>. The optional <c>taskHub</c> and <c>connection</c> parameters are not supported: the app
/// serves its own task hub. Keys are never echoed in URLs or headers.
/// </remarks>
internal static class DurableManagementEndpoints
{
    /// <summary>The route prefix of the management API, as in Azure Functions 2.x and later.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>The request and response header that carries a listing's continuation token.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    private const int RetryAfterSeconds = 5;

    /// <summary>Maps the management API (admin key).</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapDurableManagementEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath).RequireKey(AuthorizationLevel.Admin).WithTags("Durable management");
        group.MapGet("/instances/{instanceId}", GetInstanceAsync).WithName("GetInstanceStatus")
            .WithSummary("Gets an instance's status: 202 with Location while it runs, 200 when it has finished.");
        group.MapGet("/instances", ListInstancesAsync).WithName("ListInstances")
            .WithSummary("Lists instances a page at a time; more pages are named by the x-ms-continuation-token header.");
        group.MapDelete("/instances/{instanceId}", PurgeInstanceAsync).WithName("PurgeInstanceHistory")
            .WithSummary("Deletes a finished instance's state and history.");
        group.MapDelete("/instances", PurgeInstancesAsync).WithName("PurgeInstancesHistory")
            .WithSummary("Deletes the state and history of the finished instances matching a filter.");
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync).WithName("RaiseEvent")
            .WithSummary("Sends an event (JSON body) to a running instance.");
        group.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, id => client.TerminateInstanceAsync(id, reason, ct), ct)).WithName("TerminateInstance")
            .WithSummary("Terminates a running instance.");
        group.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, id => client.SuspendInstanceAsync(id, reason, ct), ct)).WithName("SuspendInstance")
            .WithSummary("Suspends a running instance.");
        group.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            ControlAsync(instanceId, client, id => client.ResumeInstanceAsync(id, reason, ct), ct)).WithName("ResumeInstance")
            .WithSummary("Resumes a suspended instance.");
        group.MapPost("/instances/{instanceId}/restart", RestartAsync).WithName("RestartInstance")
            .WithSummary("Starts a finished instance again with its original input (under a new id unless restartWithNewInstanceId=false).");
        return group;
    }

    private static async Task<IResult> GetInstanceAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        query.InstanceId(instanceId);
        var showHistory = query.Bool("showHistory", false);
        var showHistoryOutput = query.Bool("showHistoryOutput", false);
        var showInput = query.Bool("showInput", true);
        var failureIs500 = query.Bool("returnInternalServerErrorOnFailure", false);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        var history = showHistory
            ? HistoryEventsJson.Build(await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken), showHistoryOutput, showInput)
            : null;
        var payload = InstanceStatusPayload.Of(instance, showInput, history);
        if (!instance.IsCompleted)
        {
            request.HttpContext.Response.Headers.Location = LocationOf(request);
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(payload, statusCode: StatusCodes.Status202Accepted);
        }

        var status = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && failureIs500 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        return Results.Json(payload, statusCode: status);
    }

    private static async Task<IResult> ListInstancesAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        var statuses = query.Statuses("runtimeStatus");
        var filter = new OrchestrationQuery
        {
            Statuses = statuses.Count > 0 ? statuses : null,
            CreatedFrom = query.Date("createdTimeFrom"),
            CreatedTo = query.Date("createdTimeTo"),
            InstanceIdPrefix = query.String("instanceIdPrefix"),
            PageSize = query.Int("top", 1, 1000) ?? 100,
            FetchInputsAndOutputs = true,
        };
        var showInput = query.Bool("showInput", true);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        string? token = null;
        if (request.Headers[ContinuationHeader].FirstOrDefault() is { Length: > 0 } given && !ManagementContinuationToken.TryUnwrap(given, out token))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [ContinuationHeader] = [$"The {ContinuationHeader} header is not a token this API gave out."] },
                title: "Invalid continuation token");
        }

        var first = await FirstPageAsync(client.GetAllInstancesAsync(filter).AsPages(token, filter.PageSize), cancellationToken);
        if (first is null)
        {
            return Results.Ok(Array.Empty<InstanceStatusPayload>());
        }

        if (first.ContinuationToken is { Length: > 0 } next)
        {
            request.HttpContext.Response.Headers[ContinuationHeader] = ManagementContinuationToken.Wrap(next);
        }

        return Results.Ok(first.Values.Select(i => InstanceStatusPayload.Of(i, showInput)).ToList());
    }

    private static async Task<Page<OrchestrationMetadata>?> FirstPageAsync(IAsyncEnumerable<Page<OrchestrationMetadata>> pages, CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            return page;
        }

        return null;
    }

    private static async Task<IResult> PurgeInstanceAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        query.InstanceId(instanceId);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        if (await client.GetInstanceAsync(instanceId, cancellation: cancellationToken) is null)
        {
            return NotFound(instanceId);
        }

        // A running instance is not purged: the count says 0.
        var result = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
        return Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> PurgeInstancesAsync(HttpRequest request, DurableTaskClient client, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        var from = query.Date("createdTimeFrom");
        var to = query.Date("createdTimeTo");
        var statuses = query.Statuses("runtimeStatus");
        if (from is null && !query.HasErrors)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["createdTimeFrom"] = ["createdTimeFrom is required: the earliest creation time of the instances to purge."] },
                title: "Invalid query parameters");
        }

        if (query.HasErrors)
        {
            return query.Problem();
        }

        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, to ?? time.GetUtcNow(), statuses.Count > 0 ? statuses : null), cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No instances matched", detail: "No finished instance matches the filter.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        query.InstanceId(instanceId);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        if (await StateProblemAsync(instanceId, client, cancellationToken) is { } problem)
        {
            return problem;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        JsonElement? payload = null;
        if (body.Length > 0)
        {
            if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "Only application/json request content is supported.");
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                payload = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The request content is not valid JSON.");
            }
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        return Results.Accepted();
    }

    private static async Task<IResult> ControlAsync(string instanceId, DurableTaskClient client, Func<string, Task> action, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(new QueryCollection());
        query.InstanceId(instanceId);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        if (await StateProblemAsync(instanceId, client, cancellationToken) is { } problem)
        {
            return problem;
        }

        await action(instanceId);
        return Results.Accepted();
    }

    private static async Task<IResult> RestartAsync(string instanceId, HttpRequest request, DurableTaskClient client, IOrchestrationLinkFactory links, CancellationToken cancellationToken)
    {
        var query = new ManagementQuery(request.Query);
        query.InstanceId(instanceId);
        var newId = query.Bool("restartWithNewInstanceId", true);
        if (query.HasErrors)
        {
            return query.Problem();
        }

        string restarted;
        try
        {
            restarted = await client.RestartAsync(instanceId, newId, cancellationToken);
        }
        catch (ArgumentException)
        {
            // The SDK's contract for an unknown instance.
            return NotFound(instanceId);
        }
        var urls = links.Create(request, client, restarted);
        request.HttpContext.Response.Headers.RetryAfter = "10";
        return Results.Accepted(urls.StatusQueryGetUri, urls);
    }

    /// <summary>404 for an unknown instance, 410 for a finished one, null for one that takes requests.</summary>
    private static async Task<IResult?> StateProblemAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        return instance.IsCompleted
            ? Results.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "Orchestration instance already completed",
                detail: $"The orchestration instance '{instanceId}' has already finished ({instance.RuntimeStatus}).")
            : null;
    }

    private static IResult NotFound(string instanceId) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such orchestration instance", detail: $"No orchestration instance with id '{instanceId}' exists.");

    // The request's own URL, without a 'code' key: keys are never echoed.
    private static string LocationOf(HttpRequest request)
    {
        var kept = request.Query.Where(q => !string.Equals(q.Key, "code", StringComparison.OrdinalIgnoreCase));
        var query = QueryString.Create(kept.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query);
    }
}
