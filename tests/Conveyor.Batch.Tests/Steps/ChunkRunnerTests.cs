using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Steps;

public sealed class ChunkRunnerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Listeners_EveryKind_CalledInOrderWithTheirArguments()
    {
        var log = new CallLog();
        var listener = new RecordingListener<int, string>(log);
        var job = new JobBuilder("listened").Listener(listener).Start(new StepBuilder("s").Chunk<int, string>(2)
            .Reader(_ => new InMemoryItemReader<int>([1, 2, 3]))
            .Processor(_ => new LambdaProcessor<int, string>(x => x == 2 ? null : (x * 10).ToString(CultureInfo.InvariantCulture)))
            .Writer(_ => new InMemoryItemWriter<string>())
            .Listener(listener)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("listened", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        log.Calls.ShouldBe(
        [
            "beforeJob Started",
            "beforeStep s Started",
            "beforeChunk",
            "beforeRead", "afterRead 1", "beforeRead", "afterRead 2",
            "beforeProcess 1", "afterProcess 1 -> 10", "beforeProcess 2", "afterProcess 2 -> null",
            "beforeWrite [10]", "afterWrite [10]",
            "afterChunk",
            "beforeChunk",
            "beforeRead", "afterRead 3", "beforeRead",
            "beforeProcess 3", "afterProcess 3 -> 30",
            "beforeWrite [30]", "afterWrite [30]",
            "afterChunk",
            "beforeChunk", "beforeRead", "afterChunk",
            "afterStep s Completed COMPLETED read=3 written=2",
            "afterJob Completed COMPLETED",
        ]);
    }

    [Fact]
    public async Task Listeners_TwoOfAKind_BeforeInRegistrationOrder_AfterInReverse()
    {
        var log = new CallLog();
        var first = new RecordingListener<int, int>(log, "A ");
        var second = new RecordingListener<int, int>(log, "B ");
        var job = new JobBuilder("ordered").Listener(first).Listener(second).Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new InMemoryItemReader<int>([7]))
            .Writer(_ => new InMemoryItemWriter<int>())
            .Listener(first).Listener(second)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        await host.WaitAsync(await host.Launcher.RunAsync("ordered", new JobParameters()));

        log.Calls.Take(12).ShouldBe(
        [
            "A beforeJob Started", "B beforeJob Started",
            "A beforeStep s Started", "B beforeStep s Started",
            "A beforeChunk", "B beforeChunk",
            "A beforeRead", "B beforeRead",
            "B afterRead 7", "A afterRead 7",
            "A beforeRead", "B beforeRead",
        ]);
        log.Calls.TakeLast(4).ShouldBe(["B afterStep s Completed COMPLETED read=1 written=1", "A afterStep s Completed COMPLETED read=1 written=1", "B afterJob Completed COMPLETED", "A afterJob Completed COMPLETED"]);
    }

    [Fact]
    public async Task SkipListener_SkipsInReadProcessAndWrite_ReportedAtCommitWithItemAndLine()
    {
        var log = new CallLog();
        var writer = new RejectingItemWriter(rejected: 5);
        var job = new JobBuilder("skipping").Start(new StepBuilder("s").Chunk<int, int>(3)
            .Reader(_ => new NumberLineReader(Enumerable.Range(1, 6), malformed: 2))
            .Processor(_ => new LambdaProcessor<int, int>(x => x == 3 ? throw new FormatException("three is bad") : x))
            .Writer(_ => writer)
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(ItemReaderException), typeof(FormatException), typeof(InvalidDataException)], SkipLimit = 5 })
            .Listener(new RecordingListener<int, int>(log))
            .Build()).Build();

        // A checkpoint after every chunk, as in Spring Batch: each chunk's skips are reported at its commit, which
        // follows its afterChunk (the chunk is processed) and precedes the next chunk.
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(2) }, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("skipping", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        writer.Written.ShouldBe([1, 4, 6]);
        log.Calls.Where(c => c.Contains("Error", StringComparison.Ordinal) || c.StartsWith("skip", StringComparison.Ordinal) || c.EndsWith("Chunk", StringComparison.Ordinal)).ShouldBe(
        [
            "beforeChunk",
            "readError 2",
            "processError 3 three is bad",
            "afterChunk",
            "skipInRead line 2 bad line 2",
            "skipInProcess 3 line 3 three is bad",
            "beforeChunk",
            "writeError [5,6]",
            "writeError [5]",
            "afterChunk",
            "skipInWrite 5 line 5 5 rejected",
            "beforeChunk",
            "afterChunk",
        ]);
    }

    [Fact]
    public async Task Listener_ThatThrows_FailsTheStep_EvenWhenEverythingIsSkippable()
    {
        var job = new JobBuilder("badlistener").Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new InMemoryItemReader<int>([1, 2, 3]))
            .Writer(_ => new InMemoryItemWriter<int>())
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(Exception)], SkipLimit = 10 })
            .Listener(new ThrowingProcessListener())
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("badlistener", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Failed);
        done.ExitStatus.ExitDescription.ShouldContain("Listener callback AfterProcess failed: listener bug");
        (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull().ProcessSkipCount.ShouldBe(0);
    }

    private sealed class ThrowingProcessListener : IItemProcessListener<int, int>
    {
        public ValueTask AfterProcessAsync(int item, int result) => item == 2 ? throw new InvalidOperationException("listener bug") : default;
    }
}
