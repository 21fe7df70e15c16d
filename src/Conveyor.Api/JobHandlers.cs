using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Api.Uploads;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Microsoft.DurableTask.Client;

namespace Conveyor.Api;

/// <summary>The job routes: list (<see cref="ApiRoutes.ListJobs"/>), start (<see cref="ApiRoutes.StartJob"/>), upload a file and start (<see cref="ApiRoutes.UploadJobFile"/>).</summary>
/// <remarks>Each method is the whole route: a host only maps it and passes its durable client.</remarks>
public sealed class JobHandlers(
    JobRegistry registry,
    JobLaunchers launchers,
    IJobRepository repository,
    BlobServiceClient blobs,
    BlobJobStarter starter,
    JobStartedAnswer started,
    IConfiguration configuration,
    ILogger<JobHandlers> logger)
{
    private const string ParameterQueryPrefix = "param.";

    private readonly long _maxUpload = RequestBodies.MaxUpload(configuration);

    /// <summary>Lists the registered jobs with their parameters and input.</summary>
    /// <returns>200 with the jobs.</returns>
    public IResult List() => Results.Ok(registry.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(JobSummary.Of).ToList());

    /// <summary>Starts a job (or restarts its instance when the last execution failed or stopped) with the body's parameters.</summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client.</param>
    /// <param name="jobName">The job.</param>
    /// <returns>202 with <see cref="JobStarted"/>, or a problem.</returns>
    public Task<IResult> StartAsync(HttpContext http, DurableTaskClient client, string jobName)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ApiCall.RunAsync(http, logger, async () =>
        {
            var job = registry.Get(jobName);
            using var body = await RequestBodies.ReadJsonAsync(http, http.RequestAborted).ConfigureAwait(false);
            var parameters = new JobParametersReader(job).ReadBody(body).Build();

            // Not the request's token: a start abandoned between its execution row and its orchestration would leave an orphan.
            var execution = await launchers.For(client).RunAsync(job.Name, parameters, CancellationToken.None).ConfigureAwait(false);
            return started.For(http, client, execution);
        });
    }

    /// <summary>
    /// Stores the body (streamed) as input file <c>name</c> (query) of the job and starts the job on it;
    /// <c>param.&lt;name&gt;=&lt;value&gt;</c> query values add parameters.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="client">The host's durable client.</param>
    /// <param name="jobName">The job.</param>
    /// <returns>202 with <see cref="JobStarted"/>, or a problem.</returns>
    public Task<IResult> UploadAsync(HttpContext http, DurableTaskClient client, string jobName)
    {
        ArgumentNullException.ThrowIfNull(http);
        return ApiCall.RunAsync(http, logger, () => UploadCoreAsync(http, client, jobName));
    }

    private async Task<IResult> UploadCoreAsync(HttpContext http, DurableTaskClient client, string jobName)
    {
        var job = registry.Get(jobName);
        if (job.Input is not { } input)
        {
            return ApiProblems.BadRequest("Job has no input files", [$"The job '{job.Name}' declares no input files to upload to."]);
        }

        var name = http.Request.Query["name"].FirstOrDefault();
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
        RequestBodies.Limit(http, _maxUpload);

        // A file name a run has already been given is never overwritten: a restart resumes from offsets in that file.
        var used = await FirstExecutionGivenAsync(job.Name, input.ParameterName, blobName, http.RequestAborted).ConfigureAwait(false);
        if (used is not null)
        {
            return ApiProblems.Conflict(
                "File already used",
                $"The file '{blobName}' was already given to execution '{used.ExecutionId}' ({Execution.StatusText(used.Status)}); upload it under another name, or restart that execution.");
        }

        var container = blobs.GetBlobContainerClient(input.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: http.RequestAborted).ConfigureAwait(false);
        var content = new LengthLimitedStream(http.Request.Body, _maxUpload);
        await using (content.ConfigureAwait(false))
        {
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = http.Request.ContentType ?? "application/octet-stream" } };
            var stored = await container.GetBlobClient(blobName).UploadAsync(content, options, http.RequestAborted).ConfigureAwait(false);
            return await UploadedFileStart.StartAsync(
                job, parameters, blobName, stored.Value.ETag, launchers.For(client), repository, starter, execution => started.For(http, client, execution), http.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<JobExecution?> FirstExecutionGivenAsync(string jobName, string parameterName, string blobName, CancellationToken cancellationToken)
    {
        var query = new JobExecutionQuery { JobName = jobName, ParameterName = parameterName, ParameterValue = blobName, PageSize = 1 };
        await foreach (var page in repository.FindJobExecutionsAsync(query, cancellationToken).AsPages(pageSizeHint: 1).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return page.Values.Count > 0 ? page.Values[0] : null;
        }

        return null;
    }
}
