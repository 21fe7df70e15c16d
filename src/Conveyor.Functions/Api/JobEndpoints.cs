using Conveyor.Batch.Jobs;
using Conveyor.Functions.Security;

namespace Conveyor.Functions.Api;

/// <summary>The job endpoints under <c>/api/jobs</c>.</summary>
internal static class JobEndpoints
{
    /// <summary>Maps the job endpoints (function key).</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").RequireKey(AuthorizationLevel.Function).WithTags("Jobs");
        jobs.MapGet("/", (JobRegistry registry) => registry.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(JobSummary.Of))
            .WithName("ListJobs")
            .WithSummary("Lists the registered jobs with their parameters and input.");
        return jobs;
    }
}
