namespace Conveyor.Batch.Repository;

/// <summary>Property names of the JobInstances table.</summary>
internal static class InstanceColumns
{
    public const string JobName = "JobName";
    public const string InstanceId = "InstanceId";
    public const string IdentityKey = "IdentityKey";
    public const string CreatedAt = "CreatedAt";

    /// <summary>The execution that last claimed the instance; the next claim reads its row for the truth.</summary>
    public const string LastExecutionId = "LastExecutionId";

    /// <summary>The last execution's status as last seen (may lag the execution row).</summary>
    public const string LastStatus = "LastStatus";

    /// <summary>When the last execution claimed the instance (equal to its creation time).</summary>
    public const string ClaimedAt = "ClaimedAt";

    /// <summary>The execution before the last claim, to roll back to when the claimer never wrote its execution.</summary>
    public const string PreviousExecutionId = "PreviousExecutionId";

    /// <summary>The RestartOf of the last claim, kept for repairing a claim whose execution was never written.</summary>
    public const string PendingRestartOf = "PendingRestartOf";
}

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
}

/// <summary>Property names of the ParameterIndex table.</summary>
internal static class IndexColumns
{
    public const string ExecutionId = "ExecutionId";
    public const string InstanceId = "InstanceId";
    public const string JobName = "JobName";
    public const string CreatedAt = "CreatedAt";
    public const string ParameterName = "ParameterName";

    /// <summary>The raw value (first 1,024 characters), for people reading the table; lookups use the hashed key.</summary>
    public const string ParameterValue = "ParameterValue";
}

/// <summary>The partition keys of the ParameterIndex table; free text is hashed so that any value makes a valid key.</summary>
internal static class IndexPartitions
{
    public const string AllExecutions = "A";

    public static string ExecutionsOfJob(string jobName) => "J" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName);

    public static string ExecutionsOfInstance(string instanceId) => "I" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(instanceId);

    public static string ExecutionsOfJobWithParameter(string jobName, string name, string value) =>
        "P" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName, name, value);

    public static string ExecutionsWithParameter(string name, string value) => "V" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(name, value);

    public static string InstancesOfJob(string jobName) => "N" + TableJobRepositoryKeys.Separator + TableJobRepositoryKeys.Hash(jobName);
}
