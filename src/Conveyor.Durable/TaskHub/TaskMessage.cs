using System.Text.Json.Serialization;
using Conveyor.Durable.History;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// A message on a control or work-item queue: events for one execution of one instance. Most carry one event; the work
/// items of a fan-out of more than <see cref="MaxBatch"/> activities travel several to a message (at most
/// <see cref="MaxBatch"/>), and so do their results, which divides the queue operations per activity.
/// </summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; messages for an older execution are discarded.</param>
/// <param name="Events">The events to apply (or, on the work-item queue, the activities to run).</param>
[method: JsonConstructor]
internal sealed record TaskMessage(string InstanceId, string ExecutionId, IReadOnlyList<HistoryEvent> Events)
{
    /// <summary>The most events one message carries.</summary>
    public const int MaxBatch = 16;

    public TaskMessage(string instanceId, string executionId, HistoryEvent singleEvent)
        : this(instanceId, executionId, [singleEvent])
    {
    }
}
