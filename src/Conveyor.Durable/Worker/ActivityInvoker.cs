using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>Runs the activities of one work item side by side and turns each outcome into its completion event.</summary>
internal sealed class ActivityInvoker(TaskHubStorage storage, DurableTaskRegistry registry, IServiceProvider services, ILogger logger)
{
    /// <summary>Runs every activity of the work item; a failed activity becomes a <see cref="TaskFailedEvent"/>.</summary>
    /// <exception cref="OperationCanceledException">The worker is stopping; the work item must be delivered again.</exception>
    public Task<HistoryEvent[]> RunAsync(TaskMessage workItem, int dequeueCount, CancellationToken stopping) =>
        Task.WhenAll(workItem.Events.Cast<TaskScheduledEvent>().Select(s => ExecuteAsync(workItem, s, dequeueCount, stopping)));

    private async Task<HistoryEvent> ExecuteAsync(TaskMessage message, TaskScheduledEvent scheduled, int dequeueCount, CancellationToken stopping)
    {
        var now = storage.UtcNow;
        if (!registry.TryCreateActivity(scheduled.Name, services, out var activity))
        {
            var missing = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"No activity named '{scheduled.Name}' is registered with this worker.", null);
            return new TaskFailedEvent(scheduled.EventId, missing) { Timestamp = now };
        }

        await Task.Yield(); // Activities of one work item run side by side.
        var context = new WorkItemActivityContext(scheduled.Name, message.InstanceId, scheduled.EventId, dequeueCount, stopping);
        try
        {
            var input = storage.Converter.Deserialize(scheduled.Input, activity!.InputType);
            var output = await activity.RunAsync(context, input).ConfigureAwait(false);
            return new TaskCompletedEvent(scheduled.EventId, storage.Converter.Serialize(output)) { Timestamp = storage.UtcNow };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Logs.ActivityAbandoned(logger, scheduled.Name, message.InstanceId, "the worker is stopping");
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new TaskFailedEvent(scheduled.EventId, TaskFailureDetails.FromException(e)) { Timestamp = storage.UtcNow };
        }
    }

    private sealed class WorkItemActivityContext(string name, string instanceId, int taskId, int dequeueCount, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override string Name => name;

        public override string InstanceId => instanceId;

        public override int TaskId => taskId;

        public override int DequeueCount => dequeueCount;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
