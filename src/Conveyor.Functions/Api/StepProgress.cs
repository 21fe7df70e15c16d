using Conveyor.Batch.Core;

namespace Conveyor.Functions.Api;

/// <summary>How far a step or partition is through its input, 0 to 1, from the bytes its readers report.</summary>
internal static class StepProgress
{
    /// <summary>
    /// Returns the progress of <paramref name="step"/>: 1 when it completed; otherwise the bytes read over the bytes in
    /// total (summed over <paramref name="partitions"/> when it has any); null when a total is unknown (an in-memory
    /// or streaming reader).
    /// </summary>
    public static double? Of(StepExecution step, IReadOnlyList<StepExecution> partitions)
    {
        if (step.Status == BatchStatus.Completed)
        {
            return 1;
        }

        if (partitions.Count == 0)
        {
            return Fraction(step.BytesRead, step.BytesTotal);
        }

        return partitions.All(p => p.Status == BatchStatus.Completed || p.BytesTotal is not null)
            ? Fraction(partitions.Sum(p => p.BytesRead), partitions.Sum(p => p.BytesTotal ?? p.BytesRead))
            : null;
    }

    private static double? Fraction(long read, long? total) => total is > 0 ? Math.Clamp((double)read / total.Value, 0, 1) : null;
}
