using Conveyor.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Conveyor.Server.Errors;

/// <summary>
/// Answers the exceptions of the server's own endpoints (the management API) as the API answers its own
/// (<see cref="ExceptionProblems"/>): the documented status with a problem-details body; anything else is a 500 whose
/// details stay in the log.
/// </summary>
internal sealed class ConveyorExceptionHandler(IProblemDetailsService problemDetails, ILogger<ConveyorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = ExceptionProblems.Of(exception);
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.RequestFailed(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
