namespace Conveyor.Batch.Repository;

/// <summary>Property names of the JobExecutions and StepExecutions tables.</summary>
internal static class ExecutionColumns
{
    public const string ExecutionId = "ExecutionId";
    public const string InstanceId = "InstanceId";
    public const string JobName = "JobName";
    public const string Parameters = "Parameters";
    public const string Status = "Status";
    public const string ExitCode = "ExitCode";
    public const string ExitDescription = "ExitDescription";
    public const string CreatedAt = "CreatedAt";
    public const string StartedAt = "StartedAt";
    public const string EndedAt = "EndedAt";
    public const string LastUpdatedAt = "LastUpdatedAt";
    public const string Failures = "Failures";
    public const string RestartOf = "RestartOf";
    public const string JobExecutionId = "JobExecutionId";
    public const string StepName = "StepName";
    public const string Context = "Context";
    public const string Worker = "Worker";
}
