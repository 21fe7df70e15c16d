using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>The counts one tasklet call adds to its step execution; applied when the call is committed.</summary>
public sealed class StepContribution
{
    /// <summary>Gets the items read by this call.</summary>
    public long ReadCount { get; private set; }

    /// <summary>Gets the items written by this call.</summary>
    public long WriteCount { get; private set; }

    /// <summary>Gets the items filtered out by this call.</summary>
    public long FilterCount { get; private set; }

    /// <summary>Adds to the read count.</summary>
    /// <param name="count">How many; at least 0.</param>
    public void IncrementReadCount(long count = 1) => ReadCount += NonNegative(count);

    /// <summary>Adds to the write count.</summary>
    /// <param name="count">How many; at least 0.</param>
    public void IncrementWriteCount(long count = 1) => WriteCount += NonNegative(count);

    /// <summary>Adds to the filter count.</summary>
    /// <param name="count">How many; at least 0.</param>
    public void IncrementFilterCount(long count = 1) => FilterCount += NonNegative(count);

    internal void ApplyTo(StepExecution execution)
    {
        execution.ReadCount += ReadCount;
        execution.WriteCount += WriteCount;
        execution.FilterCount += FilterCount;
    }

    private static long NonNegative(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count;
    }
}
