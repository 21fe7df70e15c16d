using System.Text;
using Azure.Storage.Blobs;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO.Blobs;

public sealed class MultiResourceItemReaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReadAsync_BlobsUnderPrefix_ReadsInOrdinalNameOrder()
    {
        var container = await SetUpAsync();
        var reader = NewReader(container);
        await reader.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);

        var (items, _) = await TestData.ReadAllAsync(reader);

        reader.BlobNames.ShouldBe(["in/B.csv", "in/a.csv", "in/b.csv"]);
        items.ShouldBe(["B1", "a1", "a2", "b1", "b2", "b3"]);
    }

    [Fact]
    public async Task OpenAsync_SavedInTheMiddleOfSecondBlob_ContinuesThere()
    {
        var container = await SetUpAsync();
        var context = new ExecutionContext();
        var first = NewReader(container);
        await first.OpenAsync(context, TestContext.Current.CancellationToken);
        var (head, _) = await TestData.ReadAllAsync(first, limit: 2);
        await first.UpdateAsync(context, TestContext.Current.CancellationToken);
        await first.CloseAsync(TestContext.Current.CancellationToken);

        var second = NewReader(container);
        await second.OpenAsync(ExecutionContext.FromJson(context.ToJson()), TestContext.Current.CancellationToken);
        var next = await second.ReadAsync(TestContext.Current.CancellationToken);
        var (rest, _) = await TestData.ReadAllAsync(second);

        head.ShouldBe(["B1", "a1"]);
        context.Get<string>("files.blob").ShouldBe("in/a.csv");
        next.Item.ShouldBe("a2");
        next.LineNumber.ShouldBe(3);
        rest.ShouldBe(["b1", "b2", "b3"]);
    }

    private static MultiResourceItemReader<string> NewReader(BlobContainerClient container) =>
        new(container, "in/", blob => new CsvItemReader<string>(blob, r => r["v"]), "files");

    private async Task<BlobContainerClient> SetUpAsync()
    {
        var container = await TestData.ContainerAsync(azurite);
        foreach (var (name, text) in new[]
        {
            ("in/b.csv", "v\nb1\nb2\nb3\n"), ("in/a.csv", "v\na1\na2\n"), ("in/B.csv", "v\nB1\n"), ("other/c.csv", "v\nc1\n"),
        })
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(text)), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        }

        return container;
    }
}
