using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Execution;

public sealed class JobExecutionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_ChunkStep_CompletesWithExactCounts()
    {
        var writer = new InMemoryItemWriter<string>();
        var job = new JobBuilder("copy").Start(new StepBuilder("double").Chunk<int, string>(10)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 95)))
            .Processor(_ => new FuncProcessor<int, string>(x => x % 5 == 0 ? null : (x * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Writer(_ => writer)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var started = await host.Launcher.RunAsync("copy", new JobParameters([new("run", new JobParameter(1L))]));
        var done = await host.WaitAsync(started);

        done.Status.ShouldBe(BatchStatus.Completed);
        done.ExitStatus.ExitCode.ShouldBe("COMPLETED");
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "double")).ShouldNotBeNull();
        step.ReadCount.ShouldBe(95);
        step.FilterCount.ShouldBe(19);
        step.WriteCount.ShouldBe(76);
        step.CommitCount.ShouldBe(11); // 10 chunks of items and the empty read at the end.
        writer.Items.ShouldBe(Enumerable.Range(1, 95).Where(x => x % 5 != 0).Select(x => (x * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task RunAsync_CompletedInstance_IsRefused_AndMissingParameterIsNamed()
    {
        var job = new JobBuilder("once").Validator(["run"]).Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new InMemoryItemReader<int>([1, 2, 3])).Writer(_ => new InMemoryItemWriter<int>()).Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);
        var parameters = new JobParameters([new("run", new JobParameter(7L))]);
        await host.WaitAsync(await host.Launcher.RunAsync("once", parameters));

        await Should.ThrowAsync<JobInstanceAlreadyCompleteException>(() => host.Launcher.RunAsync("once", parameters));
        var invalid = await Should.ThrowAsync<JobParametersInvalidException>(() => host.Launcher.RunAsync("once", new JobParameters()));
        invalid.Problems.ShouldHaveSingleItem().ShouldContain("'run'");
        await Should.ThrowAsync<NoSuchJobException>(() => host.Launcher.RunAsync("nope", parameters));
    }

    [Fact]
    public async Task RunAsync_FaultTolerant_SkipsInReadProcessAndWrite_AndRecordsThem()
    {
        var writer = new RejectingWriter(rejected: 14);
        var job = new JobBuilder("skippy").Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new FailingReader(Enumerable.Range(1, 20), badAt: 7))
            .Processor(_ => new FuncProcessor<int, int>(x => x == 11 ? throw new FormatException("eleven is odd") : x))
            .Writer(_ => writer)
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(ItemReaderException), typeof(FormatException), typeof(InvalidDataException)], SkipLimit = 5 })
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("skippy", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull();
        (step.ReadCount, step.ReadSkipCount, step.ProcessSkipCount, step.WriteSkipCount, step.WriteCount).ShouldBe((19L, 1L, 1L, 1L, 17L));
        var skips = await host.Repository.GetSkippedItemsAsync(done.ExecutionId).ToListAsync();
        skips.Select(s => (s.Phase, s.LineNumber)).OrderBy(s => s.LineNumber).ShouldBe([("read", (long?)7), ("process", 11), ("write", 14)]);
        skips.Single(s => s.Phase == "process").Reason.ShouldContain("eleven is odd");
        writer.Written.Order().ShouldBe(Enumerable.Range(1, 20).Except([7, 11, 14]));
    }

    [Fact]
    public async Task Restart_AfterAFailureOnTheFourthRead_ResumesAtTheLastCommittedChunk_EveryRowOnce()
    {
        var failOnce = new FailOnce();
        var writer = new InMemoryItemWriter<int>();
        var job = new JobBuilder("restartable").Start(new StepBuilder("s").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 9)))
            .Processor(_ => new FuncProcessor<int, int>(x => x == 4 && failOnce.Now() ? throw new InvalidOperationException("planned failure") : x))
            .Writer(_ => writer)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var first = await host.WaitAsync(await host.Launcher.RunAsync("restartable", new JobParameters()));
        first.Status.ShouldBe(BatchStatus.Failed);
        first.ExitStatus.ExitDescription.ShouldContain("planned failure");
        writer.Items.ShouldBe([1, 2]);

        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));
        second.Status.ShouldBe(BatchStatus.Completed);
        second.RestartOf.ShouldBe(first.ExecutionId);
        writer.Items.ShouldBe(Enumerable.Range(1, 9));
        var step = (await host.Repository.GetStepExecutionAsync(second.ExecutionId, "s")).ShouldNotBeNull();
        step.ReadCount.ShouldBe(7);
    }

    [Fact]
    public async Task Restart_AfterAWriteFailureBetweenCheckpoints_RepeatsFromTheLastCheckpoint_EveryRowOnce()
    {
        // One checkpoint a minute: the write of row 7 fails after chunks 1-3 were written and staged but never
        // checkpointed, so the failed run commits nothing (not even the header) and the restart writes every row
        // again, each once.
        var failOnce = new FailOnce();
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var output = container.GetBlobClient("out.csv");
        var job = new JobBuilder("blobRestart").Start(new StepBuilder("s").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 9)))
            .Writer(_ => new BlobItemWriter<int>(output, new BlobItemWriterOptions<int>
            {
                Header = ["n"],
                BlockSize = 1,
                CsvFields = x => x == 7 && failOnce.Now() ? throw new InvalidOperationException("planned write failure") : [x.ToString(CultureInfo.InvariantCulture)],
            }))
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.FromMinutes(1) }, job);

        var first = await host.WaitAsync(await host.Launcher.RunAsync("blobRestart", new JobParameters()));
        first.Status.ShouldBe(BatchStatus.Failed);
        (await output.ExistsAsync(TestContext.Current.CancellationToken)).Value.ShouldBeFalse(); // Staged blocks only, nothing committed.
        (await host.Repository.GetStepExecutionAsync(first.ExecutionId, "s")).ShouldNotBeNull().WriteCount.ShouldBe(0);

        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));
        second.Status.ShouldBe(BatchStatus.Completed);
        (await Samples.SampleData.DownloadLinesAsync(output)).ShouldBe(["n", .. Enumerable.Range(1, 9).Select(x => x.ToString(CultureInfo.InvariantCulture))]);
        (await host.Repository.GetStepExecutionAsync(second.ExecutionId, "s")).ShouldNotBeNull().WriteCount.ShouldBe(9);
    }

    [Fact]
    public async Task Stop_AtAChunkBoundary_ThenRestart_CompletesEveryRowOnce()
    {
        var gate = new SemaphoreSlim(0);
        var writer = new InMemoryItemWriter<int>();
        var job = new JobBuilder("stoppable").Start(new StepBuilder("s").Chunk<int, int>(3)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 12)))
            .Processor(_ => new FuncProcessor<int, int>(x =>
            {
                if (x == 4)
                {
                    gate.Wait(TimeSpan.FromSeconds(30));
                }

                return x;
            }))
            .Writer(_ => writer)
            .Build()).Build();

        // Checkpoints after every chunk, so the stop is noticed at the next chunk boundary.
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero }, job);
        var running = await host.Launcher.RunAsync("stoppable", new JobParameters());
        while (writer.Items.Count < 3)
        {
            await Task.Delay(50);
        }

        (await host.Launcher.StopAsync(running.ExecutionId)).Status.ShouldBe(BatchStatus.Stopping);
        gate.Release();
        var stopped = await host.WaitAsync(running);
        stopped.Status.ShouldBe(BatchStatus.Stopped);
        writer.Items.Count.ShouldBeLessThan(12);

        gate.Release(10);
        var restarted = await host.WaitAsync(await host.Launcher.RestartAsync(running.ExecutionId));
        restarted.Status.ShouldBe(BatchStatus.Completed);
        writer.Items.ShouldBe(Enumerable.Range(1, 12));
    }

    [Fact]
    public async Task Partitioned_FourPartitions_EachItemOnce_AndCountsAggregated()
    {
        var writers = Enumerable.Range(0, 4).Select(_ => new InMemoryItemWriter<int>()).ToArray();
        var job = new JobBuilder("parts").Start(new StepBuilder("s").Chunk<int, int>(7)
            .Reader(ctx => new InMemoryItemReader<int>(Enumerable.Range(1, 100).Where(x => x % ctx.Partition.Count == ctx.Partition.Index)))
            .Writer(ctx => writers[ctx.Partition.Index])
            .Partitioner(new CountPartitioner(4), maxParallel: 2)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("parts", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        writers.SelectMany(w => w.Items).Order().ShouldBe(Enumerable.Range(1, 100));
        (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull().WriteCount.ShouldBe(100);
    }

    [Fact]
    public async Task Flow_OnFailedGoesToRecovery_OnCompletedEnds()
    {
        var recovered = new InMemoryItemWriter<int>();
        var failing = new StepBuilder("fails").Chunk<int, int>(1)
            .Reader(_ => new InMemoryItemReader<int>([1]))
            .Processor(_ => new FuncProcessor<int, int>(_ => throw new InvalidOperationException("boom")))
            .Writer(_ => new InMemoryItemWriter<int>()).Build();
        var recovery = new StepBuilder("recover").Chunk<int, int>(1)
            .Reader(_ => new InMemoryItemReader<int>([42])).Writer(_ => recovered).Build();
        var job = new JobBuilder("flow").Start(failing).On("FAILED").To(recovery).From(recovery).On("*").End().Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("flow", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        recovered.Items.ShouldBe([42]);
    }

    private sealed class FuncProcessor<TIn, TOut>(Func<TIn, TOut?> body) : IItemProcessor<TIn, TOut>
    {
        public ValueTask<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken = default) => ValueTask.FromResult(body(item));
    }

    private sealed class FailOnce
    {
        private int _failed;

        public bool Now() => Interlocked.Exchange(ref _failed, 1) == 0;
    }

    /// <summary>Reads 1..n with line numbers; the record at <c>badAt</c> is malformed.</summary>
    private sealed class FailingReader(IEnumerable<int> items, int badAt) : IItemReader<int>
    {
        private readonly IEnumerator<int> _items = items.GetEnumerator();

        public ValueTask<ReadResult<int>> ReadAsync(CancellationToken cancellationToken = default)
        {
            if (!_items.MoveNext())
            {
                return ValueTask.FromResult(ReadResult.End<int>());
            }

            return _items.Current == badAt
                ? throw new ItemReaderException("malformed record", _items.Current, "bad,line")
                : ValueTask.FromResult(ReadResult.Of(_items.Current, (long)_items.Current));
        }
    }

    private sealed class RejectingWriter(int rejected) : IItemWriter<int>
    {
        private readonly Dictionary<long, List<int>> _chunks = [];

        public IEnumerable<int> Written => _chunks.OrderBy(c => c.Key).SelectMany(c => c.Value);

        public Task WriteAsync(Chunk<int> chunk, CancellationToken cancellationToken = default)
        {
            if (chunk.Contains(rejected))
            {
                throw new InvalidDataException($"customer {rejected} rejected");
            }

            _chunks[chunk.Sequence] = [.. chunk];
            return Task.CompletedTask;
        }
    }

    private sealed class CountPartitioner(int count) : IPartitioner
    {
        public Task<IReadOnlyList<PartitionSpec>> PartitionAsync(JobParameters parameters, IServiceProvider services, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PartitionSpec>>([.. Enumerable.Range(0, count).Select(i => new PartitionSpec(i, count, new Dictionary<string, string>()))]);
    }
}
