namespace Conveyor.Batch.Core;

/// <summary>The status of a job or step execution, as in Spring Batch.</summary>
public enum BatchStatus
{
    /// <summary>Created, not yet running.</summary>
    Starting,

    /// <summary>Running.</summary>
    Started,

    /// <summary>A stop was requested; it takes effect at the next checkpoint.</summary>
    Stopping,

    /// <summary>Stopped at a chunk boundary; restartable.</summary>
    Stopped,

    /// <summary>Finished successfully.</summary>
    Completed,

    /// <summary>Finished with an error; restartable.</summary>
    Failed,

    /// <summary>Given up on by an operator; never restarted.</summary>
    Abandoned,

    /// <summary>State could not be determined.</summary>
    Unknown,
}
