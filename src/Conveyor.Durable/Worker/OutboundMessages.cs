using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Sends the messages an episode's history events imply: work items for scheduled activities, delayed timer
/// messages, starts of sub-orchestrations, events to other instances, and results to a parent.
/// </summary>
/// <remarks>
/// Everything is derived from history alone, so an episode whose process died after committing its history and
/// before sending can be re-sent by the next owner. Re-sending is safe: receivers drop duplicates.
/// Work items go through <see cref="LocalActivities"/>, which may run them in this process.
/// </remarks>
internal sealed class OutboundMessages(TaskHubStorage storage, LocalActivities? localActivities = null)
{
    /// <summary>Queue messages may stay invisible for at most 7 days; longer timers are re-deferred on arrival.</summary>
    private static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(6);

    public async Task SendAsync(InstanceRecord instance, ExecutionStartedEvent started, IReadOnlyList<HistoryEvent> episode, CancellationToken cancellationToken)
    {
        var sends = new List<Task>();
        var scheduled = episode.OfType<TaskScheduledEvent>().ToList();
        foreach (var workItems in scheduled.Chunk(ActivitiesPerWorkItem(scheduled.Count)))
        {
            var workItem = new TaskMessage(instance.InstanceId, instance.ExecutionId, workItems);
            sends.Add(localActivities is null
                ? storage.SendAsync(storage.Hub.WorkItems, workItem, null, cancellationToken)
                : localActivities.SendWorkItemAsync(workItem, cancellationToken));
            await DrainIfManyAsync(sends).ConfigureAwait(false);
        }

        foreach (var historyEvent in episode)
        {
            switch (historyEvent)
            {
                case TimerCreatedEvent timer:
                    sends.Add(SendTimerAsync(instance.InstanceId, instance.ExecutionId, new TimerFiredEvent(timer.EventId, timer.FireAt) { Timestamp = timer.FireAt }, cancellationToken));
                    break;
                case SubOrchestrationCreatedEvent child:
                    sends.Add(StartChildAsync(instance, child, cancellationToken));
                    break;
                case EventSentEvent sent:
                    sends.Add(SendEventAsync(instance, sent, cancellationToken));
                    break;
                case ExecutionCompletedEvent completed:
                    sends.Add(FinishAsync(instance, started, completed, cancellationToken));
                    break;
            }

            await DrainIfManyAsync(sends).ConfigureAwait(false);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    /// <summary>
    /// Up to <see cref="TaskMessage.MaxBatch"/> activities travel one to a work item, each taking its own activity slot
    /// wherever it runs, so a worker never runs more at once than its
    /// <see cref="DurableTaskWorkerOptions.MaxConcurrentActivities"/> and the rest are left to other workers (a
    /// partitioned step spreads over the workers). Larger fan-outs share work items, at most
    /// <see cref="TaskMessage.MaxBatch"/> to one, which divides their queue operations.
    /// </summary>
    private static int ActivitiesPerWorkItem(int count) => Math.Clamp((count + TaskMessage.MaxBatch - 1) / TaskMessage.MaxBatch, 1, TaskMessage.MaxBatch);

    /// <summary>Bounds the number of concurrent sends of a large fan-out.</summary>
    private static async Task DrainIfManyAsync(List<Task> sends)
    {
        if (sends.Count >= 32)
        {
            await Task.WhenAll(sends).ConfigureAwait(false);
            sends.Clear();
        }
    }

    /// <summary>Sends (or re-defers) a timer message to fire at its time.</summary>
    public Task SendTimerAsync(string instanceId, string executionId, TimerFiredEvent fired, CancellationToken cancellationToken)
    {
        // Visibility delays are whole seconds: round up so a timer never fires early.
        var delay = TimeSpan.FromSeconds(Math.Ceiling((fired.FireAt - storage.UtcNow).TotalSeconds));
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
        return storage.SendAsync(storage.Hub.ControlQueueOf(instanceId), new TaskMessage(instanceId, executionId, fired), delay, cancellationToken);
    }

    private async Task StartChildAsync(InstanceRecord parent, SubOrchestrationCreatedEvent child, CancellationToken cancellationToken)
    {
        var executionId = DeterministicIds.ChildExecutionId(parent.InstanceId, parent.ExecutionId, child.EventId);
        var now = storage.UtcNow;
        var refused = false;
        await storage.Instances.UpdateAsync(child.InstanceId, current =>
        {
            refused = false;
            if (current is not null && current.ExecutionId == executionId)
            {
                return null; // Already created by an earlier send of this episode.
            }

            if (current is not null && !current.IsTerminal)
            {
                refused = true;
                return null;
            }

            return new InstanceRecord
            {
                InstanceId = child.InstanceId,
                Name = child.Name,
                ExecutionId = executionId,
                Status = OrchestrationRuntimeStatus.Pending,
                Input = child.Input,
                CreatedAt = now,
                LastUpdatedAt = now,
                ParentInstanceId = parent.InstanceId,
                ETag = current?.ETag ?? default,
            };
        }, cancellationToken).ConfigureAwait(false);

        if (refused)
        {
            var failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"An instance with id '{child.InstanceId}' is already running.", null);
            await storage.SendAsync(
                storage.Hub.ControlQueueOf(parent.InstanceId),
                new TaskMessage(parent.InstanceId, parent.ExecutionId, new SubOrchestrationFailedEvent(child.EventId, failure) { Timestamp = now }),
                null,
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var start = new ExecutionStartedEvent(child.Name, child.InstanceId, executionId, child.Input)
        {
            Parent = new ParentInstance(parent.InstanceId, parent.ExecutionId, child.EventId, parent.Name),
            Timestamp = now,
        };
        await storage.SendAsync(storage.Hub.ControlQueueOf(child.InstanceId), new TaskMessage(child.InstanceId, executionId, start), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendEventAsync(InstanceRecord sender, EventSentEvent sent, CancellationToken cancellationToken)
    {
        var target = await storage.Instances.GetAsync(sent.TargetInstanceId, resolvePayloads: false, cancellationToken).ConfigureAwait(false);
        if (target is null || target.IsTerminal)
        {
            return; // Like Durable Functions: events to absent or finished instances are dropped.
        }

        var raised = new EventRaisedEvent(sent.Name, sent.Input, $"{sender.InstanceId}:{sender.ExecutionId}:{sent.EventId}") { Timestamp = storage.UtcNow };
        await storage.SendAsync(storage.Hub.ControlQueueOf(target.InstanceId), new TaskMessage(target.InstanceId, target.ExecutionId, raised), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task FinishAsync(InstanceRecord instance, ExecutionStartedEvent started, ExecutionCompletedEvent completed, CancellationToken cancellationToken)
    {
        if (completed.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            await ContinueAsNewAsync(instance, started, completed, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (started.Parent is not { } parent)
        {
            return;
        }

        HistoryEvent result = completed.Status == OrchestrationRuntimeStatus.Completed
            ? new SubOrchestrationCompletedEvent(parent.TaskScheduledId, completed.Result) { Timestamp = storage.UtcNow }
            : new SubOrchestrationFailedEvent(
                parent.TaskScheduledId,
                completed.FailureDetails ?? new TaskFailureDetails("Terminated", $"Sub-orchestration '{instance.InstanceId}' was terminated: {completed.Result}", null))
            { Timestamp = storage.UtcNow };
        await storage.SendAsync(storage.Hub.ControlQueueOf(parent.InstanceId), new TaskMessage(parent.InstanceId, parent.ExecutionId, result), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task ContinueAsNewAsync(InstanceRecord instance, ExecutionStartedEvent started, ExecutionCompletedEvent completed, CancellationToken cancellationToken)
    {
        // The successor's start message moves the instance row when it is processed (see OrchestrationSessionProcessor).
        var nextExecution = DeterministicIds.SuccessorExecutionId(instance.InstanceId, instance.ExecutionId);
        var queue = storage.Hub.ControlQueueOf(instance.InstanceId);
        var start = new ExecutionStartedEvent(started.Name, instance.InstanceId, nextExecution, completed.Result) { Parent = started.Parent, Timestamp = storage.UtcNow };
        await storage.SendAsync(queue, new TaskMessage(instance.InstanceId, nextExecution, start), null, cancellationToken).ConfigureAwait(false);
        foreach (var carried in completed.CarryoverEvents ?? [])
        {
            await storage.SendAsync(queue, new TaskMessage(instance.InstanceId, nextExecution, carried), null, cancellationToken).ConfigureAwait(false);
        }
    }
}
