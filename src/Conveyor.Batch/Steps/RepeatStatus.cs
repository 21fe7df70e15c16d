namespace Conveyor.Batch.Steps;

/// <summary>What a tasklet wants after a call: to be called again, or not.</summary>
public enum RepeatStatus
{
    /// <summary>The work is done; the step completes once this call is committed.</summary>
    Finished,

    /// <summary>There is more to do; call again (after committing this call, and unless a stop was requested or the time budget ran out).</summary>
    Continuable,
}
