using Conveyor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using AuthorizationLevel = Microsoft.Azure.Functions.Worker.AuthorizationLevel;

namespace Conveyor.Functions.Http;

/// <summary>The job routes of <see cref="ApiRoutes"/> as HTTP functions; each calls its <see cref="JobHandlers"/> method.</summary>
/// <param name="jobs">The handlers.</param>
public sealed class JobFunctions(JobHandlers jobs)
{
    /// <summary><see cref="ApiRoutes.ListJobs"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.ListJobs))]
    public IResult ListJobs([HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Jobs)] HttpRequest request) => jobs.List();

    /// <summary><see cref="ApiRoutes.StartJob"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="jobName">The job.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.StartJob))]
    public Task<IResult> StartJob(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Job)] HttpRequest request, string jobName, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return jobs.StartAsync(request.HttpContext, client, jobName);
    }

    /// <summary><see cref="ApiRoutes.UploadJobFile"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="jobName">The job.</param>
    /// <param name="client">The Durable extension's client.</param>
    /// <returns>The answer.</returns>
    [Function(nameof(ApiRoutes.UploadJobFile))]
    public Task<IResult> UploadJobFile(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.JobFiles)] HttpRequest request, string jobName, [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return jobs.UploadAsync(request.HttpContext, client, jobName);
    }
}
