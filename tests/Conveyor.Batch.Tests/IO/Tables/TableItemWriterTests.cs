using Azure.Data.Tables;
using Conveyor.Batch.IO.Tables;
using Conveyor.Batch.Item;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.IO.Tables;

public sealed class TableItemWriterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WriteAsync_ManyPartitionsAndRepeatedChunk_EachEntityOnce()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("io"));
        await table.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var writer = new TableItemWriter<int>(table, i => new TableEntity($"p{i % 3}", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = i });
        var chunk = new Chunk<int>(0, Enumerable.Range(0, 450).Append(7));

        await writer.WriteAsync(chunk, TestContext.Current.CancellationToken);
        await writer.WriteAsync(chunk, TestContext.Current.CancellationToken);

        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(entity);
        }

        rows.Count.ShouldBe(450);
        rows.Select(r => r.GetInt32("Value")!.Value).Order().ShouldBe(Enumerable.Range(0, 450));
    }
}
