using Conveyor.Batch.Core;

namespace Conveyor.Api;

/// <summary>A record a fault-tolerant step skipped.</summary>
/// <param name="StepName">The step (or partition) that skipped it.</param>
/// <param name="Phase">read, process or write.</param>
/// <param name="LineNumber">The line it started on, when known.</param>
/// <param name="ItemKey">An identifier of the item, when known.</param>
/// <param name="Reason">The error type and message.</param>
public sealed record SkippedRecord(string StepName, string Phase, long? LineNumber, string? ItemKey, string Reason)
{
    /// <summary>Returns the view of a skipped item (its raw input is left out: it may hold personal data).</summary>
    public static SkippedRecord Of(SkippedItem item) => new(item.StepName, item.Phase, item.LineNumber, item.ItemKey, item.Reason);
}
