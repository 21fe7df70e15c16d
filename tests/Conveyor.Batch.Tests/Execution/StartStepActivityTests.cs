using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Steps;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Execution;

public sealed class StartStepActivityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartLimit_TwoStarts_TheThirdFailsWithStartLimitExceeded_WithoutRunningTheStep()
    {
        var log = new CallLog();
        var flaky = new StepBuilder("flaky").Tasklet(new RecordingTasklet(log, fail: () => true)).StartLimit(2).Build();
        var job = new JobBuilder("limited").Start(flaky).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var first = await host.WaitAsync(await host.Launcher.RunAsync("limited", new JobParameters()));
        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));
        var third = await host.WaitAsync(await host.Launcher.RestartAsync(second.ExecutionId));

        (first.Status, second.Status, third.Status).ShouldBe((BatchStatus.Failed, BatchStatus.Failed, BatchStatus.Failed));
        first.ExitStatus.ExitDescription.ShouldContain("flaky failed");
        log.Calls.ShouldBe(["flaky", "flaky"]);
        var refused = (await host.Repository.GetStepExecutionAsync(third.ExecutionId, "flaky")).ShouldNotBeNull();
        refused.Status.ShouldBe(BatchStatus.Failed);
        refused.Failures.ShouldBe([$"{nameof(StartLimitExceededException)}: Maximum start limit exceeded for step 'flaky': it started 2 times in this job instance and its start limit is 2."]);
        third.ExitStatus.ExitDescription.ShouldBe(refused.Failures[0]);
    }

    [Fact]
    public async Task Restart_StepCompletedTwoExecutionsAgo_IsStillSkipped_UnlessAllowStartIfComplete()
    {
        var log = new CallLog();
        var failures = 2;
        var job = new JobBuilder("twice").Start(RecordingTasklet.Step("done-once", log))
            .Next(new StepBuilder("always").Tasklet(new RecordingTasklet(log)).AllowStartIfComplete().Build())
            .Next(RecordingTasklet.Step("shaky", log, fail: () => Interlocked.Decrement(ref failures) >= 0))
            .Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var first = await host.WaitAsync(await host.Launcher.RunAsync("twice", new JobParameters()));
        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));
        var third = await host.WaitAsync(await host.Launcher.RestartAsync(second.ExecutionId));

        (first.Status, second.Status, third.Status).ShouldBe((BatchStatus.Failed, BatchStatus.Failed, BatchStatus.Completed));
        log.Calls.ShouldBe(["done-once", "always", "shaky", "always", "shaky", "always", "shaky"]);
    }

    [Fact]
    public async Task BeforeStep_ThatThrows_FailsTheStepBeforeItReads_AfterStepStillCalled()
    {
        var reads = new CallLog();
        var job = new JobBuilder("unready").Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new InMemoryItemReader<int>([1]))
            .Writer(_ => new InMemoryItemWriter<int>())
            .Listener(new RecordingListener<int, int>(reads))
            .Listener(new FailingBeforeStep())
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("unready", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Failed);
        done.ExitStatus.ExitDescription.ShouldBe("ListenerFailedException: Listener callback BeforeStep failed: no input yet");
        reads.Calls.ShouldBe(["beforeStep s Started", "afterStep s Failed FAILED read=0 written=0"]);
    }

    private sealed class FailingBeforeStep : IStepExecutionListener
    {
        public Task BeforeStepAsync(StepExecution stepExecution, CancellationToken cancellationToken) => throw new InvalidOperationException("no input yet");
    }
}
