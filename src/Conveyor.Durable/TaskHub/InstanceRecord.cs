using System.Text.Json;
using Azure;
using Conveyor.Storage.Tables;

namespace Conveyor.Durable.TaskHub;

/// <summary>One row of the <c>&lt;hub&gt;Instances</c> table: an instance's current execution and status.</summary>
/// <remarks>
/// The row is a projection of the history; <see cref="HistoryCount"/> orders projections of the same execution, so
/// an older one never overwrites a newer one.
/// </remarks>
internal sealed class InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    public required string ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? FailureDetails { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastUpdatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int HistoryCount { get; set; }

    public string? ParentInstanceId { get; set; }

    public ETag ETag { get; set; }

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public static InstanceRecord FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString(nameof(Name)) ?? string.Empty,
        ExecutionId = entity.GetString(nameof(ExecutionId)) ?? string.Empty,
        Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("RuntimeStatus") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        Input = entity.GetString(nameof(Input)),
        Output = entity.GetString(nameof(Output)),
        CustomStatus = entity.GetString(nameof(CustomStatus)),
        FailureDetails = entity.GetString(nameof(FailureDetails)) is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure) : null,
        CreatedAt = entity.GetDateTime(nameof(CreatedAt)) ?? default,
        LastUpdatedAt = entity.GetDateTime(nameof(LastUpdatedAt)) ?? default,
        CompletedAt = entity.GetDateTime(nameof(CompletedAt)),
        HistoryCount = entity.GetInt32(nameof(HistoryCount)) ?? 0,
        ParentInstanceId = entity.GetString(nameof(ParentInstanceId)),
        ETag = entity.ETag,
    };

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, string.Empty)
        {
            [nameof(Name)] = Name,
            [nameof(ExecutionId)] = ExecutionId,
            ["RuntimeStatus"] = Status.ToString(),
            [nameof(Input)] = Input,
            [nameof(Output)] = Output,
            [nameof(CustomStatus)] = CustomStatus,
            [nameof(FailureDetails)] = FailureDetails is null ? null : JsonSerializer.Serialize(FailureDetails),
            [nameof(CreatedAt)] = DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc),
            [nameof(LastUpdatedAt)] = DateTime.SpecifyKind(LastUpdatedAt, DateTimeKind.Utc),
            [nameof(HistoryCount)] = HistoryCount,
            [nameof(ParentInstanceId)] = ParentInstanceId,
        };
        if (CompletedAt is { } completed)
        {
            entity[nameof(CompletedAt)] = DateTime.SpecifyKind(completed, DateTimeKind.Utc);
        }

        entity.ETag = ETag;
        return entity;
    }
}
