using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Steps;
using Polly;
using Polly.Retry;
using Polly.Testing;

namespace Conveyor.Batch.Tests.Steps;

public sealed class FaultToleranceTests
{
    private static readonly FaultTolerance Transient = new()
    {
        Retryable = [typeof(TimeoutException)],
        RetryLimit = 4,
        RetryBackoff = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public void CreateRetryPipeline_Retryable_IsPollyRetryWithExponentialJitteredBackoffAndMaxDelay()
    {
        var pipeline = Transient.CreateRetryPipeline(_ => ValueTask.CompletedTask, TimeProvider.System);

        var strategy = pipeline.GetPipelineDescriptor().Strategies.ShouldHaveSingleItem();
        var retry = strategy.Options.ShouldBeOfType<RetryStrategyOptions>();
        retry.MaxRetryAttempts.ShouldBe(3);
        retry.BackoffType.ShouldBe(DelayBackoffType.Exponential);
        retry.UseJitter.ShouldBeTrue();
        retry.Delay.ShouldBe(TimeSpan.FromMilliseconds(1));
        retry.MaxDelay.ShouldBe(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void CreateRetryPipeline_NothingRetryable_IsEmpty()
    {
        FaultTolerance.None.CreateRetryPipeline(_ => ValueTask.CompletedTask, TimeProvider.System).ShouldBeSameAs(ResiliencePipeline.Empty);
    }

    [Fact]
    public async Task CreateRetryPipeline_RetryableFailure_AttemptsRetryLimitTimesAndReportsEachRetry()
    {
        var retried = new List<Exception>();
        var pipeline = Transient.CreateRetryPipeline(
            error =>
            {
                retried.Add(error);
                return ValueTask.CompletedTask;
            },
            TimeProvider.System);
        var attempts = 0;

        var error = await Should.ThrowAsync<TimeoutException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new TimeoutException($"attempt {attempts}");
        }, TestContext.Current.CancellationToken));

        attempts.ShouldBe(4);
        error.Message.ShouldBe("attempt 4");
        retried.Select(e => e.Message).ShouldBe(["attempt 1", "attempt 2", "attempt 3"]);
    }

    [Fact]
    public async Task CreateRetryPipeline_NonRetryableFailure_FailsAtOnce()
    {
        var pipeline = Transient.CreateRetryPipeline(_ => ValueTask.CompletedTask, TimeProvider.System);
        var attempts = 0;

        await Should.ThrowAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new InvalidOperationException("not transient");
        }, TestContext.Current.CancellationToken));

        attempts.ShouldBe(1);
    }

    [Fact]
    public void Build_MaxDelayShorterThanBackoffOrNoAttempts_NamesEachProblem()
    {
        var step = new StepBuilder("s").Chunk<int, int>(1)
            .Reader(_ => new InMemoryItemReader<int>([1]))
            .Writer(_ => new InMemoryItemWriter<int>())
            .FaultTolerant(new FaultTolerance { RetryLimit = 0, SkipLimit = -1, RetryBackoff = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) });

        var error = Should.Throw<InvalidOperationException>(step.Build);

        error.Message.ShouldBe(
            "Step 's' is invalid: the skip limit must not be negative (was -1); the retry limit counts every attempt and must be at least 1 (was 0); " +
            "the longest retry delay (00:00:01) must not be shorter than the first (00:00:02).");
    }
}
