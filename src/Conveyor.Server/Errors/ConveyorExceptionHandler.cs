using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Conveyor.Server.Errors;

/// <summary>
/// Turns the batch engine's and the Durable Task engine's named exceptions into their documented HTTP status with a problem-details body; anything
/// else is a 500 whose details stay in the log.
/// </summary>
internal sealed class ConveyorExceptionHandler(IProblemDetailsService problemDetails, ILogger<ConveyorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
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

        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.RequestFailed(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
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
