using Conveyor.Batch.Core;

namespace Conveyor.Batch.Repository;

/// <summary>A filter for finding job executions; all criteria optional, combined with AND.</summary>
public sealed class JobExecutionQuery
{
    /// <summary>Gets the job name.</summary>
    public string? JobName { get; init; }

    /// <summary>Gets the statuses (any of them); empty for all.</summary>
    public IReadOnlyCollection<BatchStatus> Statuses { get; init; } = [];

    /// <summary>Gets a parameter name to match with <see cref="ParameterValue"/> (for example a local user id).</summary>
    public string? ParameterName { get; init; }

    /// <summary>Gets the parameter value to match (its invariant text).</summary>
    public string? ParameterValue { get; init; }

    /// <summary>Gets the earliest creation time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the latest creation time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the page size. Default 50.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets a continuation token from a previous page.</summary>
    public string? ContinuationToken { get; init; }
}
