namespace Conveyor.Batch.Execution;

/// <summary>The registered names of the batch orchestration and its activities.</summary>
internal static class BatchActivityNames
{
    public const string JobOrchestrator = "conveyor.job";
    public const string StartJob = "conveyor.job.start";
    public const string CompleteJob = "conveyor.job.complete";
    public const string StartStep = "conveyor.step.start";
    public const string CompleteStep = "conveyor.step.complete";
    public const string ExecutePartition = "conveyor.partition.execute";
    public const string Decide = "conveyor.job.decide";
}
