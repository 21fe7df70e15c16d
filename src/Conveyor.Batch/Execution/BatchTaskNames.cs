namespace Conveyor.Batch.Execution;

/// <summary>The registered names of the batch orchestration and its activities.</summary>
/// <remarks>
/// Valid Azure Functions function names (letters and digits), because the Durable Functions extension turns every
/// registered orchestrator and activity into a function of that name. Renaming one strands the orchestrations in
/// flight that call it.
/// </remarks>
internal static class BatchTaskNames
{
    public const string Job = "ConveyorJob";
    public const string Partition = "ConveyorPartition";
    public const string StartJob = "ConveyorStartJob";
    public const string CompleteJob = "ConveyorCompleteJob";
    public const string StartStep = "ConveyorStartStep";
    public const string CompleteStep = "ConveyorCompleteStep";
    public const string ExecutePartition = "ConveyorExecutePartition";
    public const string Decide = "ConveyorDecide";
}
