using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.Samples;

/// <summary>Spring Batch's restart sample: fixed-width trades, chunks of 2, a planned failure on the 4th read of the first run.</summary>
public sealed class RestartSampleTests(AzuriteFixture azurite)
{
    private static readonly string[] Header = ["isin", "quantity", "price", "customer"];

    [Fact]
    public async Task RestartJob_FailsOnTheFourthRead_ThenRestartWritesEveryRowOnce()
    {
        // ImportTradeDataStep.txt: 5 lines, fixed width ISIN 12, quantity 3, price 5, customer 9
        // ("UK21341EAH4597898.34customer1" -> UK21341EAH45, 978, 98.34, customer1). Expected rows are cut from the
        // lines here with Substring, independently of the reader.
        var expected = SampleData.Lines("ImportTradeDataStep.txt")
            .Select(l => string.Join(',', l[..12], l[12..15], l[15..20], l[20..].Trim()))
            .ToArray();
        expected.Length.ShouldBe(5);
        var container = await SampleData.ContainerAsync(azurite);
        var input = await SampleData.UploadAsync(container, "ImportTradeDataStep.txt");
        var output = container.GetBlobClient("trades.csv");
        var failure = new PlannedFailure();
        var job = new JobBuilder("restartSample").Start(new StepBuilder("importTrades").Chunk<Trade, Trade>(2)
            .Reader(_ => new FailOnFourthRead<Trade>(
                new FixedWidthItemReader<Trade>(input, Trade.From, new FixedWidthItemReaderOptions { FieldWidths = [12, 3, 5, 9], ColumnNames = Header }),
                failure))
            .Writer(_ => new BlobItemWriter<Trade>(output, new BlobItemWriterOptions<Trade>
            {
                Header = Header,
                CsvFields = t => [t.Isin, t.Quantity.ToString(CultureInfo.InvariantCulture), t.Price.ToString(CultureInfo.InvariantCulture), t.Customer],
            }))
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var first = await host.WaitAsync(await host.Launcher.RunAsync("restartSample", new JobParameters()));

        // Chunk 1 (rows 1-2) commits; chunk 2 reads row 3, then the 4th read fails: only rows 1-2 are in the blob.
        first.Status.ShouldBe(BatchStatus.Failed);
        first.ExitStatus.ExitDescription.ShouldContain("planned failure on read 4");
        (await SampleData.DownloadLinesAsync(output)).ShouldBe([string.Join(',', Header), expected[0], expected[1]]);
        var firstStep = (await host.Repository.GetStepExecutionAsync(first.ExecutionId, "importTrades")).ShouldNotBeNull();
        firstStep.Status.ShouldBe(BatchStatus.Failed);
        firstStep.WriteCount.ShouldBe(2);

        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));

        // The restart resumes after row 2: it reads rows 3, 4, 5 and the blob holds the header and every row once.
        second.Status.ShouldBe(BatchStatus.Completed);
        second.RestartOf.ShouldBe(first.ExecutionId);
        (await SampleData.DownloadLinesAsync(output)).ShouldBe([string.Join(',', Header), .. expected]);
        var secondStep = (await host.Repository.GetStepExecutionAsync(second.ExecutionId, "importTrades")).ShouldNotBeNull();
        (secondStep.ReadCount, secondStep.WriteCount).ShouldBe((3L, 3L));
    }

    private sealed record Trade(string Isin, long Quantity, decimal Price, string Customer)
    {
        public static Trade From(CsvRecordView record) =>
            new(record["isin"], record.Parse<long>("quantity"), record.Parse<decimal>("price"), record["customer"]);
    }

    /// <summary>Armed once: the first reader to reach its 4th read throws; later readers (the restart) never do.</summary>
    private sealed class PlannedFailure
    {
        private int _fired;

        public bool Fire() => Interlocked.Exchange(ref _fired, 1) == 0;
    }

    private sealed class FailOnFourthRead<T>(IItemReader<T> inner, PlannedFailure failure) : IItemReader<T>, IItemStream
    {
        private int _reads;

        public ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default) =>
            ++_reads == 4 && failure.Fire()
                ? throw new InvalidOperationException("planned failure on read 4")
                : inner.ReadAsync(cancellationToken);

        public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) =>
            ((IItemStream)inner).OpenAsync(executionContext, cancellationToken);

        public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) =>
            ((IItemStream)inner).UpdateAsync(executionContext, cancellationToken);

        public Task CloseAsync(CancellationToken cancellationToken = default) => ((IItemStream)inner).CloseAsync(cancellationToken);
    }
}
