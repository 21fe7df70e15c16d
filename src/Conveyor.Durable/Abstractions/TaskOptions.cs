namespace Conveyor.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public class TaskOptions
{
    /// <summary>Initializes a new instance of the <see cref="TaskOptions"/> class.</summary>
    /// <param name="retry">The retry policy, or <see langword="null"/> for a single attempt.</param>
    public TaskOptions(RetryPolicy? retry = null) => Retry = retry;

    /// <summary>Gets the retry policy, or <see langword="null"/> for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Creates options with a retry policy.</summary>
    /// <param name="policy">The retry policy.</param>
    /// <returns>The options.</returns>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
