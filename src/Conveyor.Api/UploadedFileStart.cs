using Azure;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Api.Uploads;

namespace Conveyor.Api;

/// <summary>Starts a job on a file the upload endpoint just stored.</summary>
/// <remarks>
/// A job that triggers on upload would also be started by the blob trigger for the same blob version, so its start
/// goes through the trigger's start-once path (<see cref="BlobJobStarter"/>): one JobInstance per blob version, whoever
/// gets there first, and the upload answers with that execution. Other jobs start with the launcher.
/// </remarks>
internal static class UploadedFileStart
{
    private static readonly TimeSpan WaitForOtherStarter = TimeSpan.FromSeconds(30);

    public static async Task<IResult> StartAsync(
        JobDefinition job,
        JobParameters parameters,
        string blobName,
        ETag etag,
        JobLauncher launcher,
        IJobRepository repository,
        BlobJobStarter starter,
        Func<JobExecution, IResult> accepted,
        CancellationToken cancellationToken)
    {
        // Not the request's token: a start abandoned between its execution row and its orchestration would leave an orphan.
        if (job.Input is not { TriggerOnUpload: true })
        {
            return accepted(await launcher.RunAsync(job.Name, parameters, CancellationToken.None).ConfigureAwait(false));
        }

        var result = await starter.StartOnceAsync(launcher, job, blobName, etag, parameters.Values, CancellationToken.None).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case BlobStartOutcome.Started:
                return accepted(result.Execution!);
            case BlobStartOutcome.AlreadyStarted or BlobStartOutcome.ClaimedElsewhere:
                // The blob trigger saw the new file first; answer with the execution it starts.
                return await ExecutionOfAsync(repository, result.JobInstanceId, cancellationToken).ConfigureAwait(false) is { } execution
                    ? accepted(execution)
                    : Results.Problem(
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Start in progress elsewhere",
                        detail: $"Another app instance is starting job '{job.Name}' on '{blobName}'; find its execution with GET /api/executions?job={job.Name}.");
            case BlobStartOutcome.Rejected:
                return ApiProblems.BadRequest("Invalid job parameters", [result.Detail ?? "The job refused the file's parameters."]);
            default:
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Start failed", detail: "The job could not be started now; retry the upload.");
        }
    }

    private static async Task<JobExecution?> ExecutionOfAsync(IJobRepository repository, string instanceId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WaitForOtherStarter);
        try
        {
            while (true)
            {
                var executions = await repository.GetJobExecutionsAsync(instanceId, timeout.Token).ConfigureAwait(false);
                if (executions.Count > 0)
                {
                    return executions[0];
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
