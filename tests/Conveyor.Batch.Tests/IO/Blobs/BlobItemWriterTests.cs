using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.Item;
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

        // Chunk 1 is committed to the blob but the crash comes before its checkpoint is saved; chunk 2 is only buffered.
        await crashed.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        await crashed.UpdateAsync(new ExecutionContext(), TestContext.Current.CancellationToken);
        await crashed.WriteAsync(new Chunk<(int, string)>(2, [(3, "c")]), TestContext.Current.CancellationToken);

        await using var restarted = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await restarted.OpenAsync(ExecutionContext.FromJson(saved), TestContext.Current.CancellationToken);
        var afterOpen = await TextAsync(blob);
        await restarted.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        await restarted.WriteAsync(new Chunk<(int, string)>(2, [(3, "c")]), TestContext.Current.CancellationToken);
        var context = ExecutionContext.FromJson(saved);
        await restarted.UpdateAsync(context, TestContext.Current.CancellationToken);
        await restarted.CloseAsync(TestContext.Current.CancellationToken);

        afterOpen.ShouldBe("id,name\r\n1,a\r\n");
        (await TextAsync(blob)).ShouldBe("id,name\r\n1,a\r\n2,b\r\n3,c\r\n");
        context.Get<long[][]>("partition-3.blocks").ShouldBe([[0L, 0L], [1L, 2L]]);
        var blocks = (await BlockListAsync(blob, BlockListTypes.Committed)).CommittedBlocks;
        blocks.Select(b => b.Name).ShouldBe(
        [
            BlobItemWriter<int>.BlockId("partition-3", -1),
            BlobItemWriter<int>.BlockId("partition-3", 0),
            BlobItemWriter<int>.BlockId("partition-3", 1),
        ]);
    }

    [Fact]
    public async Task OpenAsync_RestartAfterCrashWithStagedBlocks_RestagesThemOnceEach()
    {
        // Blocks of at least 20 bytes: chunks are gathered two or three to a block and staged in the background.
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var options = CsvOptions;
        options.BlockSize = 20;
        var checkpoint = new ExecutionContext();
        await using (var crashed = new BlobItemWriter<(int, string)>(blob, options))
        {
            await crashed.OpenAsync(checkpoint, TestContext.Current.CancellationToken);
            await WriteChunksAsync(crashed, 0, 3);
            await crashed.UpdateAsync(checkpoint, TestContext.Current.CancellationToken);
            await WriteChunksAsync(crashed, 3, 10); // Staged, never committed: the crash.
        }

        var uncommitted = (await BlockListAsync(blob, BlockListTypes.Uncommitted)).UncommittedBlocks.ToList();
        await using var restarted = new BlobItemWriter<(int, string)>(blob, CsvOptions); // Default block size: one block.
        await restarted.OpenAsync(ExecutionContext.FromJson(checkpoint.ToJson()), TestContext.Current.CancellationToken);
        await WriteChunksAsync(restarted, 3, 10);
        await restarted.CloseAsync(TestContext.Current.CancellationToken);

        uncommitted.Count.ShouldBeGreaterThan(1);
        (await TextAsync(blob)).ShouldBe("id,name\r\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},row{i}\r\n")));
    }

    [Fact]
    public async Task WriteAsync_LastChunkAgain_ReplacesIt_EarlierChunk_Throws()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        await using var writer = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await writer.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);

        await writer.WriteAsync(new Chunk<(int, string)>(0, [(1, "a")]), TestContext.Current.CancellationToken);
        await writer.WriteAsync(new Chunk<(int, string)>(1, [(2, "b"), (3, "c")]), TestContext.Current.CancellationToken);
        await writer.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        var error = await Should.ThrowAsync<InvalidOperationException>(() => writer.WriteAsync(new Chunk<(int, string)>(0, [(9, "z")]), TestContext.Current.CancellationToken));
        await writer.CloseAsync(TestContext.Current.CancellationToken);

        error.Message.ShouldContain("increasing sequence order");
        (await TextAsync(blob)).ShouldBe("id,name\r\n1,a\r\n2,b\r\n");
    }

    [Fact]
    public async Task WriteAsync_FieldsThrowMidChunk_LeavesNothingOfThatChunk()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var options = CsvOptions;
        options.CsvFields = item => item.Id == 3 ? throw new FormatException("bad item") : [item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Name];
        await using var writer = new BlobItemWriter<(int, string)>(blob, options);
        await writer.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);

        await writer.WriteAsync(new Chunk<(int, string)>(0, [(1, "a")]), TestContext.Current.CancellationToken);
        await Should.ThrowAsync<FormatException>(() => writer.WriteAsync(new Chunk<(int, string)>(1, [(2, "b"), (3, "c")]), TestContext.Current.CancellationToken));
        await writer.WriteAsync(new Chunk<(int, string)>(1, [(2, "b")]), TestContext.Current.CancellationToken);
        await writer.CloseAsync(TestContext.Current.CancellationToken);

        (await TextAsync(blob)).ShouldBe("id,name\r\n1,a\r\n2,b\r\n");
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

    private static async Task WriteChunksAsync(BlobItemWriter<(int, string)> writer, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await writer.WriteAsync(new Chunk<(int, string)>(i, [(i, $"row{i}")]), TestContext.Current.CancellationToken);
        }
    }

    private static async Task<BlockList> BlockListAsync(BlobClient blob, BlockListTypes types) =>
        (await blob.GetParentBlobContainerClient().GetBlockBlobClient(blob.Name).GetBlockListAsync(types, cancellationToken: TestContext.Current.CancellationToken)).Value;

    private static async Task<string> TextAsync(BlobClient blob) =>
        Encoding.UTF8.GetString((await blob.DownloadContentAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.Content.ToArray());

    internal sealed record Person(string Name, int Age);
}
