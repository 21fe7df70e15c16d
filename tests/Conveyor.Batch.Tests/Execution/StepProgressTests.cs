using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Partitioning;
using Conveyor.Testing;
using Row = Conveyor.Batch.Tests.Partitioning.PartitionedCsvTests.Row;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>Progress in input bytes, from the readers' positions at each commit, on partitions and on their step.</summary>
public sealed class StepProgressTests(AzuriteFixture azurite)
{
    private const int Rows = 2000;

    [Fact]
    public async Task Progress_StoppedPartway_BetweenZeroAndOne_ThenRestartedToCompletion_One()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("progress"));
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var (bytes, _) = PartitionedCsvTests.GenerateCsv(Rows, seed: 7);
        await container.GetBlobClient("in.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: ct);
        var dataBytes = bytes.Length - Encoding.UTF8.GetByteCount("id,name,text\n");

        // Rows 300 and 1700 lie in the first and the second half of the file: each partition holds at one of them,
        // with the chunks before it committed, until the gate opens.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new SemaphoreSlim(0);
        var job = new JobBuilder("progress").Start(new StepBuilder("transform").Chunk<Row, Row>(100)
            .Reader(ctx => new CsvItemReader<Row>(
                container.GetBlobClient("in.csv"), r => new Row(r[0], r[1], r[2]), new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(ctx.Partition) }))
            .Processor(_ => new GateProcessor(gate.Task, held, "300", "1700"))
            .Writer(ctx => new BlobItemWriter<Row>(
                container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"out/part-{ctx.Partition.Index}.csv")),
                new BlobItemWriterOptions<Row> { CsvFields = r => [r.Id, r.Name, r.Text] }))
            .Partitioner(new CsvBlobRangePartitioner((_, _) => container.GetBlobClient("in.csv"), 2), maxParallel: 2)
            .Build()).Build();
        // Checkpoints after every chunk, so the chunks before the held rows are committed while the rows are held.
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(2) }, job);
        var running = await host.Launcher.RunAsync("progress", new JobParameters(), ct);
        for (var i = 0; i < 2; i++)
        {
            (await held.WaitAsync(TimeSpan.FromMinutes(2), ct)).ShouldBeTrue("both partitions should reach their held row");
        }

        var partitions = await PartitionsAsync(running.ExecutionId);
        partitions.Count.ShouldBe(2);
        partitions.ShouldAllBe(p => p.WriteCount > 0);
        partitions.ShouldAllBe(p => p.Progress > 0 && p.Progress < 1);
        var live = new StepExecution { JobExecutionId = running.ExecutionId, StepName = "transform" };
        live.SumPartitions(partitions);
        live.BytesTotal.ShouldBe(dataBytes);
        live.Progress.ShouldNotBeNull().ShouldBeInRange(0.3, 0.7);

        await host.Launcher.StopAsync(running.ExecutionId, ct);
        gate.SetResult();
        var stopped = await host.WaitAsync(running);
        stopped.Status.ShouldBe(BatchStatus.Stopped);
        var stoppedStep = (await host.Repository.GetStepExecutionAsync(running.ExecutionId, "transform", ct)).ShouldNotBeNull();
        stoppedStep.BytesTotal.ShouldBe(dataBytes);
        stoppedStep.Progress.ShouldNotBeNull().ShouldBeGreaterThan(0);
        stoppedStep.Progress.ShouldNotBeNull().ShouldBeLessThan(1);

        var restarted = await host.WaitAsync(await host.Launcher.RestartAsync(running.ExecutionId, ct));
        restarted.Status.ShouldBe(BatchStatus.Completed);
        var step = (await host.Repository.GetStepExecutionAsync(restarted.ExecutionId, "transform", ct)).ShouldNotBeNull();
        (step.BytesRead, step.BytesTotal, step.Progress).ShouldBe((dataBytes, (long?)dataBytes, (double?)1));
        (await PartitionsAsync(restarted.ExecutionId)).ShouldAllBe(p => p.Progress == 1);
        (stoppedStep.WriteCount + step.WriteCount).ShouldBe(Rows);

        async Task<List<StepExecution>> PartitionsAsync(string executionId) =>
            [.. (await host.Repository.GetStepExecutionsAsync(executionId, ct))
                .Where(s => s.StepName.StartsWith("transform:", StringComparison.Ordinal))
                .OrderBy(s => s.StepName, StringComparer.Ordinal)];
    }

    /// <summary>Holds at the given rows until the gate opens, signalling <paramref name="held"/> as it stops at each.</summary>
    private sealed class GateProcessor(Task gate, SemaphoreSlim held, params string[] ids) : IItemProcessor<Row, Row>
    {
        public async ValueTask<Row?> ProcessAsync(Row item, CancellationToken cancellationToken = default)
        {
            if (!gate.IsCompleted && ids.Contains(item.Id))
            {
                held.Release();
                await gate.WaitAsync(cancellationToken);
            }

            return item;
        }
    }
}
