namespace Conveyor.Batch.Execution;

/// <summary>Settings of the batch engine.</summary>
public sealed class BatchOptions
{
    /// <summary>
    /// Gets or sets how long one execute-partition activity works before it returns and is scheduled again from its
    /// checkpoint, so no activity outlives an Azure Functions time limit. Default 4 minutes.
    /// </summary>
    public TimeSpan PartitionTimeBudget { get; set; } = TimeSpan.FromMinutes(4);
}
