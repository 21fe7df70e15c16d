using System.Text;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.Item;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO.Blobs;

public sealed class BlobItemWriterTests(AzuriteFixture azurite)
{
    private static BlobItemWriterOptions<(int Id, string Name)> CsvOptions => new()
    {
        Name = "partition-3",
        Header = ["id", "name"],
        CsvFields = item => [item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Name],
    };

    [Fact]
    public async Task UpdateAsync_AfterEachChunk_BlobIsHeaderAndCommittedChunks()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var writer = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        var context = new ExecutionContext();
        await writer.OpenAsync(context, TestContext.Current.CancellationToken);

        await writer.WriteAsync(new Chunk<(int, string)>(0, [(1, "a"), (2, "b,c")]), TestContext.Current.CancellationToken);
        await writer.UpdateAsync(context, TestContext.Current.CancellationToken);
        var afterFirst = await TextAsync(blob);
        await writer.WriteAsync(new Chunk<(int, string)>(1, [(3, "d\"e")]), TestContext.Current.CancellationToken);
        var beforeCommit = await TextAsync(blob);
        await writer.UpdateAsync(context, TestContext.Current.CancellationToken);
        await writer.CloseAsync(TestContext.Current.CancellationToken);

        afterFirst.ShouldBe("id,name\r\n1,a\r\n2,\"b,c\"\r\n");
        beforeCommit.ShouldBe(afterFirst);
        (await TextAsync(blob)).ShouldBe("id,name\r\n1,a\r\n2,\"b,c\"\r\n3,\"d\"\"e\"\r\n");
    }

    [Fact]
    public async Task OpenAsync_RestartAfterCrashBetweenCommitAndCheckpoint_EachChunkOnceHeaderOnce()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var checkpoint = new ExecutionContext();
        var crashed = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await crashed.OpenAsync(checkpoint, TestContext.Current.CancellationToken);
        await crashed.WriteAsync(new Chunk<(int, string)>(0, [(1, "a")]), TestContext.Current.CancellationToken);
        await crashed.UpdateAsync(checkpoint, TestContext.Current.CancellationToken);
        var saved = checkpoint.ToJson();

        // Chunk 1 is committed to the blob but the crash comes before its checkpoint is saved; chunk 2 is only staged.
        await crashed.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        await crashed.UpdateAsync(new ExecutionContext(), TestContext.Current.CancellationToken);
        await crashed.WriteAsync(new Chunk<(int, string)>(2, [(3, "c")]), TestContext.Current.CancellationToken);

        var restarted = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await restarted.OpenAsync(ExecutionContext.FromJson(saved), TestContext.Current.CancellationToken);
        var afterOpen = await TextAsync(blob);
        await restarted.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        await restarted.WriteAsync(new Chunk<(int, string)>(2, [(3, "c")]), TestContext.Current.CancellationToken);
        var context = ExecutionContext.FromJson(saved);
        await restarted.UpdateAsync(context, TestContext.Current.CancellationToken);
        await restarted.WriteAsync(new Chunk<(int, string)>(2, [(3, "c")]), TestContext.Current.CancellationToken);
        await restarted.UpdateAsync(context, TestContext.Current.CancellationToken);
        await restarted.CloseAsync(TestContext.Current.CancellationToken);

        afterOpen.ShouldBe("id,name\r\n1,a\r\n");
        (await TextAsync(blob)).ShouldBe("id,name\r\n1,a\r\n2,b\r\n3,c\r\n");
        context.Get<long[][]>("partition-3.chunks").ShouldBe([[0L, 2L]]);
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed, TestContext.Current.CancellationToken)).Value.CommittedBlocks;
        blocks.Select(b => b.Name).ShouldBe(
        [
            BlobItemWriter<int>.BlockId("partition-3", -1),
            BlobItemWriter<int>.BlockId("partition-3", 0),
            BlobItemWriter<int>.BlockId("partition-3", 1),
            BlobItemWriter<int>.BlockId("partition-3", 2),
        ]);
    }

    [Fact]
    public async Task WriteAsync_JsonLines_OneDocumentPerLine()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.jsonl");
        var writer = new BlobItemWriter<Person>(blob, new BlobItemWriterOptions<Person> { Format = BlobOutputFormat.JsonLines });
        await writer.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);

        await writer.WriteAsync(new Chunk<Person>(0, [new("Ann", 3), new("Bo\nb", 4)]), TestContext.Current.CancellationToken);
        await writer.CloseAsync(TestContext.Current.CancellationToken);

        (await TextAsync(blob)).ShouldBe("{\"name\":\"Ann\",\"age\":3}\n{\"name\":\"Bo\\nb\",\"age\":4}\n");
        (await blob.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ContentType.ShouldBe("application/x-ndjson");
    }

    [Fact]
    public async Task CloseAsync_NoChunks_WritesHeaderOnly()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var writer = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await writer.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);

        await writer.CloseAsync(TestContext.Current.CancellationToken);

        (await TextAsync(blob)).ShouldBe("id,name\r\n");
    }

    [Fact]
    public void Constructor_CsvWithoutFields_Throws()
    {
        var blob = new BlobClient(azurite.ConnectionString, "container", "blob");

        var error = Should.Throw<ArgumentException>(() => new BlobItemWriter<int>(blob, new BlobItemWriterOptions<int>()));

        error.Message.ShouldContain("CsvFields");
    }

    private static async Task<string> TextAsync(BlobClient blob) =>
        Encoding.UTF8.GetString((await blob.DownloadContentAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.Content.ToArray());

    internal sealed record Person(string Name, int Age);
}
