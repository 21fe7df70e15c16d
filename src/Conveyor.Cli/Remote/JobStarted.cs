namespace Conveyor.Cli.Remote;

/// <summary>The app's answer to a start, upload or restart: <c>202 Accepted</c> with the new execution and its URLs.</summary>
internal sealed class JobStarted
{
    /// <summary>Gets the execution id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the job instance id.</summary>
    public string? JobInstanceId { get; init; }

    /// <summary>Gets the job name.</summary>
    public string? JobName { get; init; }

    /// <summary>Gets the status (STARTING).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the URL that answers the execution's status (not Durable Functions' <c>statusQueryGetUri</c>, which is the orchestration's).</summary>
    public Uri? ExecutionGetUri { get; init; }
}
