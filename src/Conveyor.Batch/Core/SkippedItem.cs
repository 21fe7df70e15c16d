namespace Conveyor.Batch.Core;

/// <summary>A record skipped by a fault-tolerant step: where, in which phase, and why.</summary>
/// <param name="JobExecutionId">The job execution.</param>
/// <param name="StepName">The step (or partition).</param>
/// <param name="Phase">read, process or write.</param>
/// <param name="LineNumber">The line the record started on, when known.</param>
/// <param name="ItemKey">An identifier of the item (for example its id column), when known.</param>
/// <param name="Reason">The error type and message.</param>
/// <param name="Input">The raw record text (truncated), when known.</param>
public sealed record SkippedItem(string JobExecutionId, string StepName, string Phase, long? LineNumber, string? ItemKey, string Reason, string? Input);
