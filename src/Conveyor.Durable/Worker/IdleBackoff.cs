namespace Conveyor.Durable.Worker;

/// <summary>
/// How long an idle queue poller waits before polling again: briefly right after it found work (more tends to
/// follow), then longer, up to the configured maximum. A signal from this process cuts any wait short.
/// </summary>
internal sealed class IdleBackoff(TimeSpan max)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);
    private TimeSpan _next = Min;

    /// <summary>Returns the wait after an empty poll and lengthens the next one.</summary>
    public TimeSpan Next()
    {
        var wait = _next < max ? _next : max;
        _next = TimeSpan.FromTicks((long)(_next.Ticks * 1.5));
        return wait;
    }

    /// <summary>Work was found: the next empty poll waits the minimum again.</summary>
    public void Reset() => _next = Min;
}
