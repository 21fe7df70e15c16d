using Polly;
using Polly.Retry;

namespace Conveyor.Batch.Steps;

/// <summary>Which failures a chunk step skips or retries, and how often (Spring Batch's fault-tolerant step).</summary>
public sealed class FaultTolerance
{
    /// <summary>Gets the exception types that may be skipped (with subclasses).</summary>
    public IReadOnlyList<Type> Skippable { get; init; } = [];

    /// <summary>Gets the exception types never skipped, even when a base type is skippable.</summary>
    public IReadOnlyList<Type> NoSkip { get; init; } = [];

    /// <summary>
    /// Gets the most items the step may skip before it fails, counted across all its partitions, every re-run of a
    /// partition and every restart of the job instance (since the step last completed). Default 10.
    /// </summary>
    public int SkipLimit { get; init; } = 10;

    /// <summary>Gets the exception types retried while processing or writing (with subclasses).</summary>
    public IReadOnlyList<Type> Retryable { get; init; } = [];

    /// <summary>Gets the exception types never retried.</summary>
    public IReadOnlyList<Type> NoRetry { get; init; } = [];

    /// <summary>Gets the most attempts of one process or write call, including the first. Default 3.</summary>
    public int RetryLimit { get; init; } = 3;

    /// <summary>
    /// Gets the median wait before the first retry; it grows exponentially with jitter (Polly's decorrelated jitter
    /// backoff), never beyond <see cref="RetryMaxDelay"/>. Default 100 ms.
    /// </summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets the longest wait between two attempts. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the policy of a step that is not fault tolerant: nothing skipped or retried.</summary>
    public static FaultTolerance None { get; } = new() { SkipLimit = 0, RetryLimit = 1 };

    // A failing listener is a bug in the job, not bad input: it is never skipped or retried.
    internal bool IsSkippable(Exception error) => error is not ListenerFailedException && Matches(Skippable, error) && !Matches(NoSkip, error);

    internal bool IsRetryable(Exception error) => error is not ListenerFailedException && Matches(Retryable, error) && !Matches(NoRetry, error);

    /// <summary>
    /// Builds the retry pipeline of one chunk runner: <see cref="RetryLimit"/> attempts in all of a call that fails with
    /// a retryable error, exponential backoff with jitter from <see cref="RetryBackoff"/> up to <see cref="RetryMaxDelay"/>.
    /// </summary>
    /// <param name="onRetry">Told of each failure that is about to be retried.</param>
    /// <param name="time">The clock the waits run on.</param>
    /// <returns>The pipeline; <see cref="ResiliencePipeline.Empty"/> when nothing is retried.</returns>
    internal ResiliencePipeline CreateRetryPipeline(Func<Exception, ValueTask> onRetry, TimeProvider time)
    {
        if (RetryLimit <= 1 || Retryable.Count == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = RetryLimit - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = RetryBackoff,
                MaxDelay = RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error and not OperationCanceledException && IsRetryable(error)),
                OnRetry = args => onRetry(args.Outcome.Exception!),
            })
            .Build();
    }

    private static bool Matches(IReadOnlyList<Type> types, Exception error) => types.Any(t => t.IsInstanceOfType(error));
}
