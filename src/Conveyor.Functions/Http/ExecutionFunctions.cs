using Conveyor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using AuthorizationLevel = Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Conveyor.Functions.Http;

/// <summary>The execution routes of <see cref="ApiRoutes"/> as HTTP functions; each calls its <see cref="ExecutionHandlers"/> method.</summary>
/// <param name="executions">The handlers.</param>
public sealed class ExecutionFunctions(ExecutionHandlers executions)
{
    /// <summary><see cref="ApiRoutes.QueryExecutions"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.QueryExecutions))]
    public Task<IResult> QueryExecutions([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Executions)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.QueryAsync(request.HttpContext);
    }

    /// <summary><see cref="ApiRoutes.GetExecution"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.GetExecution))]
    public Task<IResult> GetExecution(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Execution)] HttpRequest request, string id, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.GetAsync(request.HttpContext, client, id);
    }

    /// <summary><see cref="ApiRoutes.StopExecution"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.StopExecution))]
    public Task<IResult> StopExecution(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ExecutionStop)] HttpRequest request, string id, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.StopAsync(request.HttpContext, client, id);
    }

    /// <summary><see cref="ApiRoutes.RestartExecution"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.RestartExecution))]
    public Task<IResult> RestartExecution(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ExecutionRestart)] HttpRequest request, string id, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.RestartAsync(request.HttpContext, client, id);
    }

    /// <summary><see cref="ApiRoutes.AbandonExecution"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.AbandonExecution))]
    public Task<IResult> AbandonExecution(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.ExecutionAbandon)] HttpRequest request, string id, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.AbandonAsync(request.HttpContext, client, id);
    }

    /// <summary><see cref="ApiRoutes.GetExecutionSkips"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The execution id.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.GetExecutionSkips))]
    public Task<IResult> GetExecutionSkips([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.ExecutionSkips)] HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return executions.SkipsAsync(request.HttpContext, id);
    }
}
