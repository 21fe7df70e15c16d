
namespace Conveyor.Api;

/// <summary>
/// Runs a handler and answers its failures with problem details, so a host needs no middleware of its own for them
/// (an Azure Functions HTTP function has none).
/// </summary>
internal static class ApiCall
{
    public static async Task<IResult> RunAsync(HttpContext http, ILogger logger, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        // A caller that went away reads no answer: its cancellation goes to the host as it is.
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            var problem = ExceptionProblems.Of(e);
            if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                logger.RequestFailed(e, http.Request.Method, http.Request.Path);
            }

            return Results.Problem(problem);
        }
    }
}
