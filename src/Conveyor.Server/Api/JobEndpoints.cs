using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Server.Security;
using Conveyor.Server.Triggers;

namespace Conveyor.Server.Api;

/// <summary>The job endpoints under <c>/api/jobs</c>: list, start, upload a file and start.</summary>
internal static class JobEndpoints
{
    private const string ParameterQueryPrefix = "param.";

    /// <summary>Maps the job endpoints (function key).</summary>
    /// <param name="app">The app.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var blobs = new Lazy<BlobServiceClient>(() => app.ServiceProvider.GetRequiredService<BlobServiceClient>());
        var maxUpload = RequestBodies.MaxUpload(app.ServiceProvider.GetRequiredService<IConfiguration>());
        var jobs = app.MapGroup("/api/jobs").RequireKey(AuthorizationLevel.Function).WithTags("Jobs");
        jobs.MapGet("/", (JobRegistry registry) => registry.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(JobSummary.Of))
            .WithName("ListJobs")
            .WithSummary("Lists the registered jobs with their parameters and input.")
            .Produces<IEnumerable<JobSummary>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        jobs.MapPost("/{jobName}", StartAsync)
            .WithName("StartJob")
            .WithSummary("Starts a job (or restarts its instance when the last execution failed or stopped); answers at once with the status URI.")
            .Accepts<StartJobRequest>("application/json")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        jobs.MapPost(
                "/{jobName}/files",
                (string jobName, string? name, HttpContext http, JobRegistry registry, JobLauncher launcher, IJobRepository repository, BlobJobStarter starter) =>
                    UploadAsync(jobName, name, http, registry, launcher, repository, starter, blobs.Value, maxUpload))
            .WithName("UploadJobFile")
            .WithSummary("Stores the body as an input file of the job (streamed) and starts the job on it; param.<name>=<value> adds parameters.")
            .Accepts<Stream>("application/octet-stream", "*/*")
            .Produces<JobStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return jobs;
    }

    /// <summary>Answers 202 with the new execution's links, <c>Location</c> and <c>Retry-After</c>.</summary>
    internal static IResult Started(HttpContext http, JobExecution execution)
    {
        var links = ExecutionLinks.For(http.Request, execution.ExecutionId);
        http.Response.Headers.RetryAfter = "1";
        return Results.Accepted(links.StatusQueryGetUri, JobStarted.Of(execution, links));
    }

    private static async Task<IResult> StartAsync(string jobName, HttpContext http, JobRegistry registry, JobLauncher launcher)
    {
        var job = registry.Get(jobName);
        using var body = await RequestBodies.ReadJsonAsync(http, http.RequestAborted);
        var parameters = new JobParametersReader(job).ReadBody(body).Build();

        // Not the request's token: a start abandoned between its execution row and its orchestration would leave an orphan.
        var execution = await launcher.RunAsync(job.Name, parameters, CancellationToken.None);
        return Started(http, execution);
    }

    private static async Task<IResult> UploadAsync(
        string jobName, string? name, HttpContext http, JobRegistry registry, JobLauncher launcher, IJobRepository repository, BlobJobStarter starter, BlobServiceClient blobs, long maxUpload)
    {
        var job = registry.Get(jobName);
        if (job.Input is not { } input)
        {
            return ApiProblems.BadRequest("Job has no input files", [$"The job '{job.Name}' declares no input files to upload to."]);
        }

        if (UploadNames.Problem(name, input.Prefix) is { } problem)
        {
            return ApiProblems.BadRequest("Invalid file name", [problem]);
        }

        var blobName = input.Prefix + name;
        var reader = new JobParametersReader(job).ReadText(input.ParameterName, blobName);
        var problems = new List<string>();
        foreach (var (key, values) in http.Request.Query.Where(q => q.Key.StartsWith(ParameterQueryPrefix, StringComparison.Ordinal)))
        {
            var parameter = key[ParameterQueryPrefix.Length..];
            if (parameter == input.ParameterName)
            {
                problems.Add($"The parameter '{parameter}' is set by the upload to the stored file's name.");
                continue;
            }

            foreach (var value in values)
            {
                reader.ReadText(parameter, value ?? string.Empty);
            }
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadRequest("Invalid job parameters", problems);
        }

        var parameters = reader.Build();
        RequestBodies.Limit(http, maxUpload);

        // A file name a run has already been given is never overwritten: a restart resumes from offsets in that file.
        var used = await FirstExecutionGivenAsync(repository, job.Name, input.ParameterName, blobName, http.RequestAborted);
        if (used is not null)
        {
            return ApiProblems.Conflict(
                "File already used",
                $"The file '{blobName}' was already given to execution '{used.ExecutionId}' ({Execution.StatusText(used.Status)}); upload it under another name, or restart that execution.");
        }

        var container = blobs.GetBlobContainerClient(input.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: http.RequestAborted);
        var content = new LengthLimitedStream(http.Request.Body, maxUpload);
        await using (content)
        {
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = http.Request.ContentType ?? "application/octet-stream" } };
            var stored = await container.GetBlobClient(blobName).UploadAsync(content, options, http.RequestAborted);
            return await UploadedFileStart.StartAsync(http, job, parameters, blobName, stored.Value.ETag, launcher, repository, starter);
        }
    }

    private static async Task<JobExecution?> FirstExecutionGivenAsync(IJobRepository repository, string jobName, string parameterName, string blobName, CancellationToken cancellationToken)
    {
        var query = new JobExecutionQuery { JobName = jobName, ParameterName = parameterName, ParameterValue = blobName, PageSize = 1 };
        await foreach (var page in repository.FindJobExecutionsAsync(query, cancellationToken).AsPages(pageSizeHint: 1).WithCancellation(cancellationToken))
        {
            return page.Values.Count > 0 ? page.Values[0] : null;
        }

        return null;
    }
}
