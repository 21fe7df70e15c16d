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
