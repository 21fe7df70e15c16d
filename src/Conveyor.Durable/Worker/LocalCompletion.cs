using Conveyor.Durable.TaskHub;

namespace Conveyor.Durable.Worker;

/// <summary>
/// The results of a work item that ran in this process, handed straight to its instance's session. The work item
/// itself stays in the queue, invisible, until the results are in history.
/// </summary>
/// <remarks>
/// Acknowledging deletes the work item: the results are committed. Returning sends the results to the control
/// queue as a remote worker would, then deletes the work item. If the process dies before either, the work item
/// becomes visible when its invisibility ends and runs again elsewhere (activities are at-least-once).
/// </remarks>
internal sealed class LocalCompletion(TaskHubStorage storage, ReceivedMessage workItem, VisibilityRenewal renewal, TaskMessage results) : InboundMessage
{
    private int _settled;

    public override TaskMessage Message => results;

    public override async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (await StopRenewalAsync().ConfigureAwait(false))
        {
            await workItem.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task ReturnAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (!await StopRenewalAsync().ConfigureAwait(false))
        {
            return;
        }

        // If this send fails the work item still becomes visible and runs again: nothing is lost either way.
        await storage.SendAsync(storage.Hub.ControlQueueOf(results.InstanceId), results, delay > TimeSpan.Zero ? delay : null, cancellationToken).ConfigureAwait(false);
        await workItem.DeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> StopRenewalAsync()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return false;
        }

        await renewal.DisposeAsync().ConfigureAwait(false);
        return true;
    }
}
