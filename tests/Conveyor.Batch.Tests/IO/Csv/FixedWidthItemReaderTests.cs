using System.Text;
using Conveyor.Batch.IO.Csv;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO.Csv;

public sealed class FixedWidthItemReaderTests(AzuriteFixture azurite)
{
    private static readonly FixedWidthItemReaderOptions TradeLayout = new()
    {
        FieldWidths = [12, 3, 5, 9],
        ColumnNames = ["isin", "quantity", "price", "customer"],
    };

    [Fact]
    public async Task ReadAsync_RestartFailTradeFile_ParsesEveryColumn()
    {
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes("ImportTradeDataStep.txt"), "trades.txt");
        await using var reader = new FixedWidthItemReader<Trade>(blob, Map, TradeLayout);

        var (items, bad) = await TestData.ReadAllAsync(reader);

        bad.ShouldBeEmpty();
        items.ShouldBe(
        [
            new Trade("UK21341EAH45", 978, 98.34m, "customer1"),
            new Trade("UK21341EAH46", 112, 18.12m, "customer2"),
            new Trade("UK21341EAH47", 245, 12.78m, "customer2"),
            new Trade("UK21341EAH48", 108, 19.25m, "customer3"),
            new Trade("UK21341EAH49", 854, 23.39m, "customer4"),
        ]);
    }

    [Fact]
    public async Task OpenAsync_SavedContext_ResumesAtNextLineWithLineNumbers()
    {
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes("ImportTradeDataStep.txt"), "trades.txt");
        var context = new ExecutionContext();
        await using (var first = new FixedWidthItemReader<Trade>(blob, Map, TradeLayout))
        {
            await first.OpenAsync(context, TestContext.Current.CancellationToken);
            await first.ReadAsync(TestContext.Current.CancellationToken);
            await first.ReadAsync(TestContext.Current.CancellationToken);
            await first.UpdateAsync(context, TestContext.Current.CancellationToken);
        }

        await using var second = new FixedWidthItemReader<Trade>(blob, Map, TradeLayout);
        await second.OpenAsync(ExecutionContext.FromJson(context.ToJson()), TestContext.Current.CancellationToken);
        var next = await second.ReadAsync(TestContext.Current.CancellationToken);

        context.Get<long>("fixedWidthItemReader.offset").ShouldBe(60);
        next.Item.Isin.ShouldBe("UK21341EAH47");
        next.LineNumber.ShouldBe(3);
    }

    [Fact]
    public async Task ReadAsync_ShortLineOrBadNumber_ThrowsMalformedAndContinues()
    {
        var bytes = Encoding.UTF8.GetBytes("UK21341EAH4597898.34customer1\nUK21341EAH46112\nUK21341EAH46xx218.12customer2\nUK21341EAH4724512.78customer2");
        await using var reader = new FixedWidthItemReader<Trade>(new MemoryStream(bytes), Map, TradeLayout);

        var (items, bad) = await TestData.ReadAllAsync(reader);

        items.Select(t => t.Isin).ShouldBe(["UK21341EAH45", "UK21341EAH47"]);
        bad.Select(b => b.LineNumber).ShouldBe([2L, 3L]);
        bad[0].Reason.ShouldContain("exactly 29");
        bad[1].Record.ShouldBe("UK21341EAH46xx218.12customer2");
    }

    private static Trade Map(CsvRecordView r) =>
        new(r["isin"], r.Parse<long>("quantity"), r.Parse<decimal>("price"), r["customer"]);

    internal sealed record Trade(string Isin, long Quantity, decimal Price, string Customer);
}
