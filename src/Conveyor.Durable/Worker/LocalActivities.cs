using System.Collections.Concurrent;
using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Runs the work items that this process's episodes schedule in this process, when it has a free activity slot,
/// and hands their results straight to the instance's session instead of through the work-item and control queues.
/// </summary>
/// <remarks>
/// <para>Nothing is lost across a crash at any point:</para>
/// <list type="number">
/// <item>The work item is still sent, after the episode's history is appended (by <see cref="OutboundMessages"/>),
/// but invisible for <see cref="DurableTaskWorkerOptions.WorkItemVisibilityTimeout"/>; its invisibility is renewed
/// while the activity runs and until the result is committed.</item>
/// <item>Only once the send has succeeded does the activity start here.</item>
/// <item>The result goes to the dispatcher of the instance's partition as a <see cref="LocalCompletion"/>; the session
/// appends it to history and only then deletes the work item.</item>
/// <item>If the partition is no longer owned here, or the episode cannot take the result, the result is sent to the
/// control queue like a remote worker's.</item>
/// </list>
/// <para>If the process dies before the work item is deleted, the work item becomes visible and any worker runs it
/// again; a duplicate result is dropped by the session.</para>
/// </remarks>
internal sealed class LocalActivities(
    TaskHubStorage storage,
    ActivityInvoker invoker,
    DurableTaskRegistry registry,
    SemaphoreSlim slots,
    DurableTaskWorkerOptions options,
    ILogger logger,
    CancellationToken stopping)
{
    private readonly ConcurrentDictionary<int, ControlQueueDispatcher> _dispatchers = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Routes results for instances of <paramref name="partition"/> to its dispatcher while it runs.</summary>
    public void Attach(int partition, ControlQueueDispatcher dispatcher) => _dispatchers[partition] = dispatcher;

    public void Detach(int partition, ControlQueueDispatcher dispatcher) => _dispatchers.TryRemove(KeyValuePair.Create(partition, dispatcher));

    /// <summary>Sends a work item; when a slot is free, sends it invisible and runs it here.</summary>
    public async Task SendWorkItemAsync(TaskMessage workItem, CancellationToken cancellationToken)
    {
        if (!options.RunActivitiesLocally
            || stopping.IsCancellationRequested
            || !workItem.Events.All(e => e is TaskScheduledEvent s && registry.HasActivity(s.Name))
            || !slots.Wait(0, CancellationToken.None))
        {
            await storage.SendAsync(storage.Hub.WorkItems, workItem, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        ReceivedMessage handle;
        try
        {
            var receipt = await storage.SendForReceiptAsync(storage.Hub.WorkItems, workItem, options.WorkItemVisibilityTimeout, cancellationToken).ConfigureAwait(false);
            handle = new ReceivedMessage(storage.Hub.WorkItems, receipt.MessageId, receipt.PopReceipt, workItem);
        }
        catch
        {
            slots.Release();
            throw;
        }

        var run = Task.Run(() => RunAsync(handle), CancellationToken.None);
        _running.TryAdd(run, 0);
        _ = run.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Waits for the work items running here (at shutdown).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Keys);

    private async Task RunAsync(ReceivedMessage workItem)
    {
        var renewal = new VisibilityRenewal(workItem, options.WorkItemVisibilityTimeout);
        LocalCompletion completion;
        try
        {
            var results = await invoker.RunAsync(workItem.Message, 1, stopping).ConfigureAwait(false);
            completion = new LocalCompletion(storage, workItem, renewal, new TaskMessage(workItem.Message.InstanceId, workItem.Message.ExecutionId, results));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Shutting down (or a failure outside the activity): the work item becomes visible when its invisibility
            // ends and runs again elsewhere.
            await renewal.DisposeAsync().ConfigureAwait(false);
            if (!stopping.IsCancellationRequested)
            {
                Logs.ActivityAbandoned(logger, "(local work item)", workItem.Message.InstanceId, e.Message);
            }

            return;
        }
        finally
        {
            slots.Release();
        }

        try
        {
            var partition = storage.Hub.PartitionOf(workItem.Message.InstanceId);
            if (!_dispatchers.TryGetValue(partition, out var dispatcher) || !dispatcher.TryDeliver(completion))
            {
                await completion.ReturnAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
        {
            Logs.ActivityAbandoned(logger, "(local work item)", workItem.Message.InstanceId, e.Message);
        }
    }
}
