namespace Conveyor.Durable;

/// <summary>The runtime status of an orchestration instance, as in Durable Functions.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled; its first episode has not run yet.</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Restarted itself with new input; a new execution of the same instance follows.</summary>
    ContinuedAsNew,

    /// <summary>Finished with an unhandled exception.</summary>
    Failed,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Paused by a suspend request; events are held until it is resumed.</summary>
    Suspended,
}
