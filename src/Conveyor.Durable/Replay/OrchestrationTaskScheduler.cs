namespace Conveyor.Durable.Replay;

/// <summary>
/// Runs orchestrator code on the replaying thread only, one continuation at a time, in the order they became
/// ready — which is what makes a replay take the same path as the original run.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _ready = new();

    /// <summary>Runs every ready continuation, including the ones they make ready, until none is left.</summary>
    public void RunUntilIdle()
    {
        while (_ready.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _ready.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _ready.ToArray();
}
