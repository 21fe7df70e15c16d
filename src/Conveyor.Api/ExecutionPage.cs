namespace Conveyor.Api;

/// <summary>One page of an execution query, newest first.</summary>
/// <param name="Items">The executions (without steps).</param>
/// <param name="ContinuationToken">Pass as <c>continuationToken</c> for the next page; null on the last.</param>
public sealed record ExecutionPage(IReadOnlyList<Execution> Items, string? ContinuationToken);
