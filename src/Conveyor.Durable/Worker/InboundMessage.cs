using Conveyor.Durable.TaskHub;

namespace Conveyor.Durable.Worker;

/// <summary>
/// A task message waiting to be applied by an instance's session, with what to do once its episode has committed
/// (<see cref="AcknowledgeAsync"/>) or could not take it (<see cref="ReturnAsync"/>).
/// </summary>
internal abstract class InboundMessage
{
    public abstract TaskMessage Message { get; }

    /// <summary>The message's effects are durable: forget it (delete it from its queue).</summary>
    public abstract Task AcknowledgeAsync(CancellationToken cancellationToken);

    /// <summary>The message was not applied: make sure it is delivered again after <paramref name="delay"/>.</summary>
    public abstract Task ReturnAsync(TimeSpan delay, CancellationToken cancellationToken);
}
