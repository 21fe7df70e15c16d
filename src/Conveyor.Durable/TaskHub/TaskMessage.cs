using Conveyor.Durable.History;

namespace Conveyor.Durable.TaskHub;

/// <summary>A message on a control or work-item queue: an event for one execution of one instance.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; messages for an older execution are discarded.</param>
/// <param name="Event">The event to apply (or, on the work-item queue, the activity to run).</param>
internal sealed record TaskMessage(string InstanceId, string ExecutionId, HistoryEvent Event);
