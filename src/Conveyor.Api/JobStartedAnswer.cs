using Conveyor.Batch.Core;
using Microsoft.DurableTask.Client;

namespace Conveyor.Api;

/// <summary>The answer to a start, upload or restart: 202 with <see cref="JobStarted"/>, <c>Location</c> (the execution's status) and <c>Retry-After</c>.</summary>
/// <param name="orchestrationLinks">The host's orchestration links.</param>
public sealed class JobStartedAnswer(IOrchestrationLinkFactory orchestrationLinks)
{
    /// <summary>Returns the answer for a new execution.</summary>
    /// <param name="http">The request being answered.</param>
    /// <param name="client">The request's durable client.</param>
    /// <param name="execution">The new execution.</param>
    /// <returns>The 202 result.</returns>
    public IResult For(HttpContext http, DurableTaskClient client, JobExecution execution)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(execution);
        var links = ExecutionLinks.For(http.Request, execution.ExecutionId);
        http.Response.Headers.RetryAfter = "1";
        return Results.Accepted(links.ExecutionGetUri, JobStarted.Of(execution, orchestrationLinks.Create(http.Request, client, execution.ExecutionId), links));
    }
}
