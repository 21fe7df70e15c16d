using System.Text.Json;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

/// <summary>Wire compatibility with the official JavaScript SDK (@azure/storage-blob) in both directions.</summary>
public sealed class BlobInteropTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadAsync_ReadByJsSdk_SameBytesMetadataAndContentType()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var bytes = BlobTestData.Bytes(70_000);
        bytes[0] = 0;
        bytes[1] = 0xFF;
        var blob = container.GetBlobClient("dir/ours ü#.bin");
        await blob.UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.conveyor" },
                Metadata = new Dictionary<string, string> { ["JobName"] = "importUsers", ["chunk_7"] = "rows=100;ok" },
            },
            _ct);

        var read = await RunAsync("download", container.Name, blob.Name);

        Convert.FromBase64String(read.GetProperty("content").GetString()!).ShouldBe(bytes);
        read.GetProperty("contentType").GetString().ShouldBe("application/vnd.conveyor");
        // Node lower-cases response header names, so the JS SDK reports metadata names in lower case.
        var metadata = read.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        metadata.Count.ShouldBe(2);
        metadata["JobName"].ShouldBe("importUsers");
        metadata["chunk_7"].ShouldBe("rows=100;ok");
    }

    [Fact]
    public async Task DownloadContentAsync_WrittenByJsSdk_SameBytesMetadataAndContentType()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var bytes = BlobTestData.Bytes(50_000, seed: 3);
        await RunAsync("upload", container.Name, "from js/ä 1.bin", Convert.ToBase64String(bytes), """{"Origin":"js","n2":"x y"}""", "text/x-js");

        var result = (await container.GetBlobClient("from js/ä 1.bin").DownloadContentAsync(cancellationToken: _ct)).Value;
        var listed = await container.GetBlobsAsync(includeMetadata: true, cancellationToken: _ct).ToListAsync(_ct);

        result.Content.ToArray().ShouldBe(bytes);
        result.Details.ContentType.ShouldBe("text/x-js");
        result.Details.Metadata["Origin"].ShouldBe("js");
        result.Details.Metadata["n2"].ShouldBe("x y");
        listed.ShouldHaveSingleItem().Name.ShouldBe("from js/ä 1.bin");
        listed[0].Metadata["Origin"].ShouldBe("js");
    }

    [Fact]
    public async Task CommitBlockListAsync_ReadByJsSdk_SameBlockIdsSizesAndUncommittedBlocks()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var blob = container.GetBlobClient("blocks.bin");
        var ids = Enumerable.Range(0, 3).Select(i => Convert.ToBase64String(BitConverter.GetBytes((long)i))).ToList();
        await blob.StageBlockAsync(ids[0], BinaryData.FromBytes(BlobTestData.Bytes(1000)), _ct);
        await blob.StageBlockAsync(ids[1], BinaryData.FromBytes(BlobTestData.Bytes(2000)), _ct);
        await blob.CommitBlockListAsync([ids[0], ids[1]], cancellationToken: _ct);
        await blob.StageBlockAsync(ids[2], BinaryData.FromBytes(BlobTestData.Bytes(300)), _ct);

        var list = await RunAsync("blocklist", container.Name, blob.Name);

        Blocks(list.GetProperty("committed")).ShouldBe([(ids[0], 1000L), (ids[1], 2000L)]);
        Blocks(list.GetProperty("uncommitted")).ShouldBe([(ids[2], 300L)]);
    }

    [Fact]
    public async Task GetBlockListAsync_StagedAndCommittedByJsSdk_ReadsIdsSizesAndContent()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var ids = new[] { "YmxvY2stMDA=", "YmxvY2stMDE=", "YmxvY2stMDI=" };
        var blocks = JsonSerializer.Serialize(new[]
        {
            new { id = ids[0], content = Convert.ToBase64String("alpha,"u8.ToArray()) },
            new { id = ids[1], content = Convert.ToBase64String("beta,"u8.ToArray()) },
            new { id = ids[2], content = Convert.ToBase64String("gamma"u8.ToArray()) },
        });
        await RunAsync("stage-commit", container.Name, "js-blocks.csv", blocks, JsonSerializer.Serialize(new[] { ids[2], ids[0] }), """{"Kind":"blocks"}""", "text/csv");
        await RunAsync("stage", container.Name, "js-blocks.csv", ids[1], Convert.ToBase64String("BETA!"u8.ToArray()));
        var blob = container.GetBlobClient("js-blocks.csv");

        var list = (await blob.GetBlockListAsync(cancellationToken: _ct)).Value;
        var content = (await blob.DownloadContentAsync(cancellationToken: _ct)).Value;

        list.CommittedBlocks.Select(b => (b.Name, b.Size)).ShouldBe([(ids[2], 5L), (ids[0], 6L)]);
        list.UncommittedBlocks.Select(b => (b.Name, b.Size)).ShouldBe([(ids[1], 5L)]);
        list.BlobContentLength.ShouldBe(11);
        content.Content.ToString().ShouldBe("gammaalpha,");
        content.Details.ContentType.ShouldBe("text/csv");
        content.Details.Metadata["Kind"].ShouldBe("blocks");
    }

    [Fact]
    public async Task UploadAsync_StagedByUsInBlocks_JsSdkReadsWholeBlob()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var bytes = BlobTestData.Bytes(500_000, seed: 9);
        await container.GetBlobClient("big.bin").UploadAsync(
            new MemoryStream(bytes),
            new BlobUploadOptions { TransferOptions = new BlobTransferOptions { InitialTransferSize = 0, MaximumTransferSize = 128 * 1024 } },
            _ct);

        var read = await RunAsync("download", container.Name, "big.bin");
        var list = await RunAsync("blocklist", container.Name, "big.bin");

        Convert.FromBase64String(read.GetProperty("content").GetString()!).ShouldBe(bytes);
        list.GetProperty("committed").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task SetMetadataAsync_NamesWithUnicodeBlob_JsSdkListsSameNameAndMetadata()
    {
        var container = await BlobTestData.NewContainerAsync(azurite, "interop");
        var blob = container.GetBlobClient("名前/with space+plus&amp%.txt");
        await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);
        await blob.SetMetadataAsync(new Dictionary<string, string> { ["Step"] = "write" }, cancellationToken: _ct);

        var listed = await RunAsync("list", container.Name);

        var item = listed.EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("name").GetString().ShouldBe(blob.Name);
        item.GetProperty("metadata").GetProperty("Step").GetString().ShouldBe("write");
    }

    private static List<(string, long)> Blocks(JsonElement array) =>
        [.. array.EnumerateArray().Select(b => (b.GetProperty("name").GetString()!, b.GetProperty("size").GetInt64()))];

    private async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var output = await NodeScript.RunAsync("interop/blob.js", azurite.ConnectionString, arguments, _ct);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
