using System.Text;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.Item;
using Conveyor.Batch.Repository;
using Conveyor.Testing;
using Conveyor.Testing.Faults;
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

        afterOpen.ShouldBe("id,name\r\n1,a\r\n2,b\r\n"); // Opening only reads; the next commit drops chunk 1's block.
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
    public async Task UpdateAsync_StaleRunCommitsAfterANewerRunCompleted_RefusedAndBlobKeepsTheNewerList()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var checkpoint = new ExecutionContext();
        await using (var first = new BlobItemWriter<(int, string)>(blob, CsvOptions))
        {
            await first.OpenAsync(checkpoint, TestContext.Current.CancellationToken);
            await WriteChunksAsync(first, 0, 1);
            await first.UpdateAsync(checkpoint, TestContext.Current.CancellationToken);
        }

        // Two runs of the partition from the same checkpoint (a duplicate activity run): the stale one falls behind,
        // the newer one writes the rest and completes.
        await using var stale = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await stale.OpenAsync(ExecutionContext.FromJson(checkpoint.ToJson()), TestContext.Current.CancellationToken);
        await WriteChunksAsync(stale, 1, 2);
        await using var newer = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await newer.OpenAsync(ExecutionContext.FromJson(checkpoint.ToJson()), TestContext.Current.CancellationToken);
        await WriteChunksAsync(newer, 1, 4);
        await newer.UpdateAsync(new ExecutionContext(), TestContext.Current.CancellationToken);
        await newer.CloseAsync(TestContext.Current.CancellationToken);

        await Should.ThrowAsync<JobRepositoryConcurrencyException>(() => stale.UpdateAsync(new ExecutionContext(), TestContext.Current.CancellationToken));

        (await TextAsync(blob)).ShouldBe("id,name\r\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"{i},row{i}\r\n")));
    }

    [Fact]
    public async Task UpdateAsync_CommitAppliedButAnswerLost_RetryRefusedIsRecognisedAsItsOwnAndTheWriterGoesOn()
    {
        // The first two commits (one creating the blob, If-None-Match *; one over its ETag, If-Match) take effect, but
        // the answer is lost; Azure.Core retries each, and the retry is refused (409, 412).
        var faults = new FaultInjectionPolicy();
        var created = faults.Add(new FaultRule(InjectedFaults.FailAfterSend, IsCommit));
        var extended = faults.Add(new FaultRule(InjectedFaults.FailAfterSend, IsCommit) { Skip = 1 });
        var options = new BlobClientOptions { Retry = { Delay = TimeSpan.FromMilliseconds(10) } };
        options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        var container = await TestData.ContainerAsync(azurite);
        var blob = new BlobContainerClient(azurite.ConnectionString, container.Name, options).GetBlobClient("out.csv");
        var context = new ExecutionContext();
        await using var writer = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await writer.OpenAsync(context, TestContext.Current.CancellationToken);

        for (var i = 0; i < 3; i++)
        {
            await WriteChunksAsync(writer, i, i + 1);
            await writer.UpdateAsync(context, TestContext.Current.CancellationToken);
        }

        await writer.CloseAsync(TestContext.Current.CancellationToken);

        (created.Injected, extended.Injected).ShouldBe((1, 1));
        (await TextAsync(blob)).ShouldBe("id,name\r\n0,row0\r\n1,row1\r\n2,row2\r\n");
        context.Get<long[][]>("partition-3.blocks").ShouldBe([[0L, 0L], [1L, 1L], [2L, 2L]]);

        static bool IsCommit(Request request) =>
            request.Method == RequestMethod.Put && request.Uri.Query.Contains("comp=blocklist", StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsync_EarlierRunStagedBlocksButNeverCommitted_WritesTheBlob()
    {
        var blob = (await TestData.ContainerAsync(azurite)).GetBlobClient("out.csv");
        var options = CsvOptions;
        options.BlockSize = 1;
        await using (var crashed = new BlobItemWriter<(int, string)>(blob, options))
        {
            await crashed.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);
            await WriteChunksAsync(crashed, 0, 3); // Staged, never committed: the blob does not exist yet.
        }

        await using var again = new BlobItemWriter<(int, string)>(blob, CsvOptions);
        await again.OpenAsync(new ExecutionContext(), TestContext.Current.CancellationToken);
        await WriteChunksAsync(again, 0, 3);
        await again.CloseAsync(TestContext.Current.CancellationToken);

        (await TextAsync(blob)).ShouldBe("id,name\r\n0,row0\r\n1,row1\r\n2,row2\r\n");
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
