using System.Collections.Concurrent;
using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Samples;

/// <summary>Spring Batch's skip sample: trades read from a blob, one malformed line, one customer the writer rejects.</summary>
public sealed class SkipSampleTests(AzuriteFixture azurite)
{
    // input1.txt has 9 lines "ISIN,quantity,price,customer", customer1..customer9 on lines 1..9.
    // Line 5 is "UK21341EAH49,ERR,ERR,customer5": quantity "ERR" does not parse, so the reader refuses it (read skip).
    // The writer rejects customer7 (line 7, "UK21341EAH51,978,98.34,customer7"), a write skip.
    private const string RejectedCustomer = "customer7";

    [Fact]
    public async Task SkipJob_MalformedLineAndRejectedCustomer_CompletesWithBothSkipsRecorded()
    {
        var container = await SampleData.ContainerAsync(azurite);
        var input = await SampleData.UploadAsync(container, "input1.txt");
        var writer = new RejectingTradeWriter(RejectedCustomer);
        var job = new JobBuilder("skipSample").Start(new StepBuilder("importTrades").Chunk<Trade, Trade>(3)
            .Reader(_ => new CsvItemReader<Trade>(input, Trade.From, new CsvItemReaderOptions
            {
                HasHeaderRow = false,
                ColumnNames = ["isin", "quantity", "price", "customer"],
                FormatProvider = CultureInfo.InvariantCulture,
            }))
            .Processor(_ => new UpperCaseCustomerProcessor())
            .Writer(_ => writer)
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(MalformedRecordException), typeof(CustomerRejectedException)], SkipLimit = 10 })
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("skipSample", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        done.ExitStatus.ExitCode.ShouldBe("COMPLETED");
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "importTrades")).ShouldNotBeNull();

        // 9 lines: 8 read (line 5 skipped), 0 filtered, 7 written (customer7 skipped in write).
        (step.ReadCount, step.ReadSkipCount, step.ProcessSkipCount, step.FilterCount, step.WriteSkipCount, step.WriteCount)
            .ShouldBe((8L, 1L, 0L, 0L, 1L, 7L));
        var skips = (await host.Repository.GetSkippedItemsAsync(done.ExecutionId, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken))
            .OrderBy(s => s.LineNumber).ToList();
        skips.Select(s => (s.StepName, s.Phase, s.LineNumber)).ShouldBe([("importTrades", "read", (long?)5), ("importTrades", "write", 7)]);
        skips[0].Reason.ShouldStartWith(nameof(MalformedRecordException));
        skips[0].Reason.ShouldContain("ERR");
        skips[0].Input.ShouldNotBeNull().Trim().ShouldBe("UK21341EAH49,ERR,ERR,customer5");
        skips[1].Reason.ShouldBe($"{nameof(CustomerRejectedException)}: customer CUSTOMER7 is rejected");
        skips[1].ItemKey.ShouldNotBeNull().ShouldContain("UK21341EAH51");

        var expected = SampleData.Lines("input1.txt").Where((_, i) => i + 1 is not 5 and not 7).Select(l => l.Split(',')[0]);
        writer.Written.Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        writer.Written["UK21341EAH45"].ShouldBe(new Trade("UK21341EAH45", 978, 98.34m, "CUSTOMER1"));
    }

    private sealed record Trade(string Isin, long Quantity, decimal Price, string Customer)
    {
        public static Trade From(CsvRecordView record) =>
            new(record["isin"], record.Parse<long>("quantity"), record.Parse<decimal>("price"), record["customer"]);
    }

    private sealed class UpperCaseCustomerProcessor : IItemProcessor<Trade, Trade>
    {
        public ValueTask<Trade?> ProcessAsync(Trade item, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Trade?>(item with { Customer = item.Customer.ToUpperInvariant() });
    }

    private sealed class CustomerRejectedException(string message) : Exception(message);

    /// <summary>Keeps what it wrote by ISIN (so a chunk written again item by item counts once); refuses one customer.</summary>
    private sealed class RejectingTradeWriter(string rejected) : IItemWriter<Trade>
    {
        public ConcurrentDictionary<string, Trade> Written { get; } = new(StringComparer.Ordinal);

        public Task WriteAsync(Chunk<Trade> chunk, CancellationToken cancellationToken = default)
        {
            var refused = chunk.FirstOrDefault(t => string.Equals(t.Customer, rejected, StringComparison.OrdinalIgnoreCase));
            if (refused is not null)
            {
                throw new CustomerRejectedException($"customer {refused.Customer} is rejected");
            }

            foreach (var trade in chunk)
            {
                Written[trade.Isin] = trade;
            }

            return Task.CompletedTask;
        }
    }
}
