namespace Conveyor.Durable;

/// <summary>
/// How an orchestration retries a failed activity or sub-orchestration: attempts, first delay, backoff, cap.
/// </summary>
/// <remarks>Waits are durable timers, so a retry schedule survives process restarts.</remarks>
public sealed class RetryPolicy
{
    /// <summary>Initializes a new instance of the <see cref="RetryPolicy"/> class.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Wait before the second attempt; positive.</param>
    /// <param name="backoffCoefficient">Multiplier applied to the wait after each retry; at least 1. Default 1.</param>
    /// <param name="maxRetryInterval">Upper bound of one wait. Default one hour.</param>
    /// <param name="retryTimeout">Overall time after which no retry starts. Default unbounded.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Gets the total number of attempts.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Gets the wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Gets the backoff multiplier.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Gets the cap on one wait.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Gets the overall retry budget, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Gets a predicate deciding whether a failure is worth retrying. Default: every failure.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>Returns the wait before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(BackoffCoefficient, attempt - 2);
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryInterval.Ticks * factor, MaxRetryInterval.Ticks));
        return delay;
    }
}
