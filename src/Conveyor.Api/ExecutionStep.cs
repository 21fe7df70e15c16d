using System.Globalization;
using Conveyor.Batch.Core;

namespace Conveyor.Api;

/// <summary>A step (or one partition of it) of an execution, with every Spring Batch count.</summary>
/// <param name="Name">The step name (a partition: <c>step:partitionN</c>).</param>
/// <param name="Status">Its status (STARTING, STARTED, STOPPING, STOPPED, COMPLETED, FAILED, ABANDONED, UNKNOWN).</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="ExitDescription">Its exit description (failure reasons).</param>
/// <param name="ReadCount">Items read.</param>
/// <param name="WriteCount">Items written.</param>
/// <param name="FilterCount">Items the processor filtered out.</param>
/// <param name="ReadSkipCount">Items skipped while reading.</param>
/// <param name="ProcessSkipCount">Items skipped while processing.</param>
/// <param name="WriteSkipCount">Items skipped while writing.</param>
/// <param name="CommitCount">Chunks committed.</param>
/// <param name="RollbackCount">Chunks rolled back.</param>
/// <param name="Progress">The share of its input consumed, 0 to 1, when known.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Worker">The worker process (<c>machine:pid</c>) that last ran it; null for a step made of partitions.</param>
/// <param name="Partitions">Its partitions (empty for a partition).</param>
public sealed record ExecutionStep(
    string Name,
    string Status,
    string ExitCode,
    string ExitDescription,
    long ReadCount,
    long WriteCount,
    long FilterCount,
    long ReadSkipCount,
    long ProcessSkipCount,
    long WriteSkipCount,
    long CommitCount,
    long RollbackCount,
    double? Progress,
    DateTime? StartedAt,
    DateTime? EndedAt,
    string? Worker,
    IReadOnlyList<ExecutionStep> Partitions)
{
    private const string PartitionSeparator = ":partition";

    /// <summary>Gets the total number of skips.</summary>
    internal long SkipCount => ReadSkipCount + ProcessSkipCount + WriteSkipCount;

    /// <summary>
    /// Nests the step executions of a job execution: each step with its partitions (<c>step:partitionN</c>) in
    /// partition order. While a step runs, its own counts are still zero (they are summed when it ends), so they are
    /// summed from its partitions here.
    /// </summary>
    public static IReadOnlyList<ExecutionStep> Of(IReadOnlyList<StepExecution> steps)
    {
        var partitions = steps
            .Where(s => s.StepName.Contains(PartitionSeparator, StringComparison.Ordinal))
            .GroupBy(s => s.StepName[..s.StepName.LastIndexOf(PartitionSeparator, StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(PartitionIndex).ToList(), StringComparer.Ordinal);
        return [.. steps
            .Where(s => !s.StepName.Contains(PartitionSeparator, StringComparison.Ordinal))
            .Select(s => Of(s, partitions.GetValueOrDefault(s.StepName) ?? []))];
    }

    private static ExecutionStep Of(StepExecution step, List<StepExecution> partitions)
    {
        var counted = step.WithPartitionTotals(partitions);
        return new ExecutionStep(
            step.StepName,
            Execution.StatusText(step.Status),
            step.ExitStatus.ExitCode,
            step.ExitStatus.ExitDescription,
            counted.ReadCount,
            counted.WriteCount,
            counted.FilterCount,
            counted.ReadSkipCount,
            counted.ProcessSkipCount,
            counted.WriteSkipCount,
            counted.CommitCount,
            counted.RollbackCount,
            counted.Progress,
            step.StartedAt?.UtcDateTime,
            step.EndedAt?.UtcDateTime,
            step.Worker,
            [.. partitions.Select(p => Of(p, []))]);
    }

    private static int PartitionIndex(StepExecution partition) =>
        int.TryParse(partition.StepName.AsSpan(partition.StepName.LastIndexOf(PartitionSeparator, StringComparison.Ordinal) + PartitionSeparator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : int.MaxValue;
}
