using System.Text.Json;
using Azure.Data.Tables;
using Conveyor.Batch.Core;

namespace Conveyor.Batch.Repository;

/// <summary>Job execution rows of <see cref="TableJobRepository"/>: parameters, exit description and failures as (split) text properties.</summary>
public sealed partial class TableJobRepository
{
    private static TableEntity ToEntity(JobExecution execution, string executionKey, string? parametersJson)
    {
        var entity = new TableEntity(executionKey, string.Empty)
        {
            [ExecutionColumns.ExecutionId] = execution.ExecutionId,
            [ExecutionColumns.InstanceId] = execution.InstanceId,
            [ExecutionColumns.JobName] = execution.JobName,
            [ExecutionColumns.Status] = execution.Status.ToString(),
            [ExecutionColumns.ExitCode] = execution.ExitStatus.ExitCode,
            [ExecutionColumns.CreatedAt] = execution.CreatedAt,
            [ExecutionColumns.StartedAt] = execution.StartedAt,
            [ExecutionColumns.EndedAt] = execution.EndedAt,
            [ExecutionColumns.LastUpdatedAt] = execution.LastUpdatedAt,
            [ExecutionColumns.RestartOf] = execution.RestartOf,
        };
        TableTextProperty.Write(entity, ExecutionColumns.Parameters, parametersJson, $"parameters of execution '{execution.ExecutionId}'");
        TableTextProperty.Write(entity, ExecutionColumns.ExitDescription, execution.ExitStatus.ExitDescription, $"exit description of execution '{execution.ExecutionId}'");
        TableTextProperty.Write(entity, ExecutionColumns.Failures, JsonSerializer.Serialize(execution.Failures), $"failures of execution '{execution.ExecutionId}'");
        TableTextProperty.Write(entity, ExecutionColumns.Context, execution.ExecutionContextJson, $"execution context of execution '{execution.ExecutionId}'");
        return entity;
    }

    private static JobExecution ReadExecution(TableEntity row)
    {
        var execution = new JobExecution
        {
            ExecutionId = row.GetString(ExecutionColumns.ExecutionId) ?? string.Empty,
            InstanceId = row.GetString(ExecutionColumns.InstanceId) ?? string.Empty,
            JobName = row.GetString(ExecutionColumns.JobName) ?? string.Empty,
            Parameters = JobParametersJson.Read(TableTextProperty.Read(row, ExecutionColumns.Parameters)),
            Status = ReadStatus(row),
            ExitStatus = new ExitStatus(row.GetString(ExecutionColumns.ExitCode) ?? ExitStatus.Unknown.ExitCode, TableTextProperty.Read(row, ExecutionColumns.ExitDescription) ?? string.Empty),
            CreatedAt = row.GetDateTimeOffset(ExecutionColumns.CreatedAt) ?? default,
            StartedAt = row.GetDateTimeOffset(ExecutionColumns.StartedAt),
            EndedAt = row.GetDateTimeOffset(ExecutionColumns.EndedAt),
            LastUpdatedAt = row.GetDateTimeOffset(ExecutionColumns.LastUpdatedAt) ?? default,
            Failures = ReadFailures(row),
            RestartOf = row.GetString(ExecutionColumns.RestartOf),
            ExecutionContextJson = TableTextProperty.Read(row, ExecutionColumns.Context),
            Version = row.ETag.ToString(),
        };
        return execution;
    }

    private static BatchStatus ReadStatus(TableEntity row) =>
        Enum.TryParse<BatchStatus>(row.GetString(ExecutionColumns.Status), out var status) ? status : BatchStatus.Unknown;

    private static List<string> ReadFailures(TableEntity row) =>
        TableTextProperty.Read(row, ExecutionColumns.Failures) is { Length: > 0 } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
}
