using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Mvc;

namespace Conveyor.Api;

/// <summary>
/// Turns the batch engine's and the Durable Task engine's named exceptions into their documented HTTP status with a
/// problem-details body; anything else is a 500 whose details stay in the log.
/// </summary>
public static class ExceptionProblems
{
    /// <summary>Returns the problem of <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The problem; its status is 500 for exceptions that are not named here.</returns>
    public static ProblemDetails Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (status, title) = Classify(exception);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Type = $"https://httpstatuses.io/{status}",
            Detail = status == StatusCodes.Status500InternalServerError ? "The request failed; the app's log has the details." : exception.Message,
        };
        if (exception is JobParametersInvalidException invalid)
        {
            problem.Extensions["errors"] = invalid.Problems;
        }
        else if (status == StatusCodes.Status400BadRequest)
        {
            problem.Extensions["errors"] = new[] { exception.Message };
        }

        return problem;
    }

    private static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        NoSuchJobException => (StatusCodes.Status404NotFound, "No such job"),
        JobExecutionNotFoundException => (StatusCodes.Status404NotFound, "No such job execution"),
        JobParametersInvalidException => (StatusCodes.Status400BadRequest, "Invalid job parameters"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
        JobExecutionAlreadyRunningException => (StatusCodes.Status409Conflict, "Job execution already running"),
        JobInstanceAlreadyCompleteException => (StatusCodes.Status409Conflict, "Job instance already complete"),
        JobExecutionNotRunningException => (StatusCodes.Status409Conflict, "Job execution not running"),
        JobRestartException => (StatusCodes.Status409Conflict, "Job execution cannot be restarted"),
        JobRepositoryConcurrencyException => (StatusCodes.Status409Conflict, "Job execution changed concurrently; retry"),
        // The Durable Task engine's refusal of an instance id in use (a start or a same-id restart of a running instance).
        OrchestrationAlreadyExistsException => (StatusCodes.Status409Conflict, "Orchestration instance already exists"),
        _ => (StatusCodes.Status500InternalServerError, "Internal server error"),
    };
}
