namespace Conveyor.Durable;

/// <summary>A filter for listing instances. Every criterion is optional; they combine with AND.</summary>
public sealed class OrchestrationQuery
{
    /// <summary>Gets the statuses to include (any of them); empty for all.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> Statuses { get; init; } = [];

    /// <summary>Gets the earliest creation time to include.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the latest creation time to include.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the instance id prefix to match.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Gets the page size. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets a continuation token from a previous page, to resume after it.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Gets a value indicating whether to include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
