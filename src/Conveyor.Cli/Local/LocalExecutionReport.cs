using Conveyor.Batch.Core;
using Conveyor.Cli.Remote;

namespace Conveyor.Cli.Local;

/// <summary>Builds the same <see cref="ExecutionReport"/> the app serves from the JobRepository's rows, for <c>run</c>.</summary>
internal static class LocalExecutionReport
{
    /// <summary>Returns the report of an execution and its step executions (steps and their <c>step:partitionN</c> rows).</summary>
    /// <param name="execution">The job execution.</param>
    /// <param name="steps">Its step executions, in the order they started.</param>
    /// <returns>The report; a running step's counts are its partitions' sums.</returns>
    public static ExecutionReport From(JobExecution execution, IReadOnlyList<StepExecution> steps)
    {
        ArgumentNullException.ThrowIfNull(execution);
        ArgumentNullException.ThrowIfNull(steps);
        var partitions = steps.Where(s => s.StepName.Contains(':', StringComparison.Ordinal))
            .ToLookup(s => s.StepName[..s.StepName.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal);
        var reports = steps.Where(s => !s.StepName.Contains(':', StringComparison.Ordinal))
            .Select(s => Step(s, [.. partitions[s.StepName].OrderBy(p => p.StepName.Length).ThenBy(p => p.StepName, StringComparer.Ordinal)]))
            .ToList();
        return new ExecutionReport
        {
            Id = execution.ExecutionId,
            JobInstanceId = execution.InstanceId,
            JobName = execution.JobName,
            Status = Name(execution.Status),
            ExitCode = execution.ExitStatus.ExitCode,
            ExitDescription = execution.ExitStatus.ExitDescription,
            CreatedAt = execution.CreatedAt,
            StartedAt = execution.StartedAt,
            EndedAt = execution.EndedAt,
            RestartOf = execution.RestartOf,
            Steps = reports,
            Failures = execution.Failures,
            SkipCount = steps.Where(s => !s.StepName.Contains(':', StringComparison.Ordinal)).Sum(s => s.SkipCount),
        };
    }

    private static string Name(BatchStatus status) => status.ToString().ToUpperInvariant();

    private static StepReport Step(StepExecution step, IReadOnlyList<StepExecution> partitions)
    {
        // The step's own row gets its counts when it completes; while it runs, the partitions hold them.
        var shown = step.WithPartitionTotals(partitions);
        return new StepReport
        {
            Name = step.StepName,
            Status = Name(step.Status),
            ExitCode = step.ExitStatus.ExitCode,
            ExitDescription = step.ExitStatus.ExitDescription,
            ReadCount = shown.ReadCount,
            WriteCount = shown.WriteCount,
            FilterCount = shown.FilterCount,
            ReadSkipCount = shown.ReadSkipCount,
            ProcessSkipCount = shown.ProcessSkipCount,
            WriteSkipCount = shown.WriteSkipCount,
            CommitCount = shown.CommitCount,
            RollbackCount = shown.RollbackCount,
            Progress = shown.Progress,
            StartedAt = step.StartedAt,
            EndedAt = step.EndedAt,
            Partitions = [.. partitions.Select(p => Step(p, []))],
        };
    }
}
