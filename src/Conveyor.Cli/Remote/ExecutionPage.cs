namespace Conveyor.Cli.Remote;

/// <summary>A page of <c>GET /api/executions</c>, newest first.</summary>
internal sealed class ExecutionPage
{
    /// <summary>Gets the executions.</summary>
    public List<ExecutionReport> Items { get; init => field = value ?? []; } = [];

    /// <summary>Gets the token of the next page, or null on the last.</summary>
    public string? ContinuationToken { get; init; }
}
