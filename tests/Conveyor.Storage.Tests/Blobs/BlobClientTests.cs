using Azure;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadAsync_BinaryData_DownloadsSameBytesAndProperties()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("data.bin");
        var bytes = BlobTestData.Bytes(100_000);

        var uploaded = await blob.UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-test", ContentEncoding = "identity", CacheControl = "no-cache" } },
            _ct);
        var downloaded = await blob.DownloadContentAsync(cancellationToken: _ct);

        downloaded.Value.Content.ToArray().ShouldBe(bytes);
        var details = downloaded.Value.Details;
        details.ETag.ShouldBe(uploaded.Value.ETag);
        details.LastModified.ShouldBe(uploaded.Value.LastModified);
        details.ContentLength.ShouldBe(bytes.Length);
        details.ContentType.ShouldBe("application/x-test");
        details.ContentEncoding.ShouldBe("identity");
        details.CacheControl.ShouldBe("no-cache");
        details.BlobType.ShouldBe("BlockBlob");
        uploaded.GetRawResponse().Status.ShouldBe(201);
    }

    [Fact]
    public async Task UploadAsync_EmptyContent_CreatesEmptyBlobThatDownloadsEverywhere()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("empty");

        await blob.UploadAsync(BinaryData.Empty, cancellationToken: _ct);
        using var destination = new MemoryStream();
        await blob.DownloadToAsync(destination, cancellationToken: _ct);
        await using var read = await blob.OpenReadAsync(cancellationToken: _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToArray().ShouldBeEmpty();
        destination.Length.ShouldBe(0);
        (await read.ReadAsync(new byte[10], _ct)).ShouldBe(0);
    }

    [Fact]
    public async Task UploadAsync_IfNoneMatchAllOnExistingBlob_ThrowsBlobAlreadyExists()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("once");
        var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        await blob.UploadAsync(BinaryData.FromString("first"), createOnly, _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second"), createOnly, _ct));

        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("BlobAlreadyExists");
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("first");
    }

    [Fact]
    public async Task UploadAsync_IfMatchCurrentThenStale_SucceedsThenThrows412()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("guarded");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"), cancellationToken: _ct);
        var second = await blob.UploadAsync(
            BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } }, _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } }, _ct));

        second.Value.ETag.ShouldNotBe(first.Value.ETag);
        error.Status.ShouldBe(412);
        error.ErrorCode.ShouldBe("ConditionNotMet");
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("v2");
    }

    [Fact]
    public async Task UploadAsync_IfMatchOnMissingBlob_Throws()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("missing");

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag("\"0x1\"") } }, _ct));

        error.Status.ShouldBeOneOf(404, 412);
        (await blob.ExistsAsync(_ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task UploadAsync_SeekableStreamOverSinglePutLimit_StagesBlocksAndCommits()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("staged.bin");
        var bytes = BlobTestData.Bytes(2_500_000);
        var transfer = new BlobTransferOptions { InitialTransferSize = 1_000_000, MaximumTransferSize = 1_000_000, MaximumConcurrency = 2 };

        await blob.UploadAsync(new MemoryStream(bytes), new BlobUploadOptions { TransferOptions = transfer, Metadata = new Dictionary<string, string> { ["kind"] = "staged" } }, _ct);

        var blocks = (await blob.GetBlockListAsync(cancellationToken: _ct)).Value;
        blocks.CommittedBlocks.Select(b => b.Size).ShouldBe([1_000_000L, 1_000_000L, 500_000L]);
        blocks.UncommittedBlocks.ShouldBeEmpty();
        var downloaded = (await blob.DownloadContentAsync(cancellationToken: _ct)).Value;
        downloaded.Content.ToArray().ShouldBe(bytes);
        downloaded.Details.Metadata["kind"].ShouldBe("staged");
    }

    [Fact]
    public async Task UploadAsync_BinaryDataOverSinglePutLimit_StagesBlocks()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("staged-data.bin");
        var bytes = BlobTestData.Bytes(300_000);

        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { TransferOptions = new BlobTransferOptions { InitialTransferSize = 0, MaximumTransferSize = 100_000 } }, _ct);

        (await blob.GetBlockListAsync(BlockListTypes.Committed, _ct)).Value.CommittedBlocks.Count.ShouldBe(3);
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToArray().ShouldBe(bytes);
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(100_000)]
    public async Task UploadAsync_ForwardOnlyStreamWithinOneBlock_PutsWholeBlob(int length)
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("forward-small.bin");
        var bytes = BlobTestData.Bytes(length);

        await blob.UploadAsync(new BlobTestData.ForwardOnlyStream(bytes), new BlobUploadOptions { TransferOptions = new BlobTransferOptions { MaximumTransferSize = 100_001 } }, _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task UploadAsync_ForwardOnlyStreamOverOneBlock_StagesBlocks()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("forward.bin");
        var bytes = BlobTestData.Bytes(350_000);

        await blob.UploadAsync(new BlobTestData.ForwardOnlyStream(bytes), new BlobUploadOptions { TransferOptions = new BlobTransferOptions { MaximumTransferSize = 100_000 } }, _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToArray().ShouldBe(bytes);
        (await blob.GetBlockListAsync(BlockListTypes.Committed, _ct)).Value.CommittedBlocks.Select(b => b.Size).ShouldBe([100_000L, 100_000L, 100_000L, 50_000L]);
    }

    [Fact]
    public async Task DownloadContentAsync_Range_ReturnsOnlyThoseBytesAndTheFullLength()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("ranged");
        var bytes = BlobTestData.Bytes(10_000);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken: _ct);

        var middle = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(1000, 500) }, _ct);
        var tail = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(9_990) }, _ct);

        middle.Value.Content.ToArray().ShouldBe(bytes[1000..1500]);
        middle.Value.Details.ContentLength.ShouldBe(10_000);
        middle.GetRawResponse().Status.ShouldBe(206);
        tail.Value.Content.ToArray().ShouldBe(bytes[9_990..]);
    }

    [Fact]
    public async Task DownloadContentAsync_Missing_Throws404BlobNotFound()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("nope");

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.DownloadContentAsync(cancellationToken: _ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("BlobNotFound");
    }

    [Fact]
    public async Task DownloadContentAsync_IfNoneMatchCurrentETag_Throws304()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("cached");
        var etag = (await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct)).Value.ETag;

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = etag } }, _ct));

        error.Status.ShouldBe(304);
    }

    [Fact]
    public async Task DownloadStreamingAsync_Range_StreamsThoseBytes()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("streamed");
        var bytes = BlobTestData.Bytes(300_000);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken: _ct);

        using var result = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(100, 200_000) }, _ct)).Value;
        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy, _ct);

        copy.ToArray().ShouldBe(bytes[100..200_100]);
        result.Details.ContentLength.ShouldBe(300_000);
    }

    [Fact]
    public async Task DownloadToAsync_ManyRanges_WritesBlobInOrder()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("parallel");
        var bytes = BlobTestData.Bytes(1_000_003);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken: _ct);

        using var destination = new MemoryStream();
        var properties = await blob.DownloadToAsync(
            destination, new BlobDownloadToOptions { TransferOptions = new BlobTransferOptions { MaximumTransferSize = 65_536, MaximumConcurrency = 3 } }, _ct);

        destination.ToArray().ShouldBe(bytes);
        properties.Value.ContentLength.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task OpenReadAsync_SmallBuffer_ReadsWholeBlobByteEqual()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("lazy");
        var bytes = BlobTestData.Bytes(100_001);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken: _ct);

        await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions { BufferSize = 4096 }, _ct);
        using var copy = new MemoryStream();
        var buffer = new byte[1000];
        int read;
        while ((read = await stream.ReadAsync(buffer, _ct)) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        copy.ToArray().ShouldBe(bytes);
        stream.Length.ShouldBe(bytes.Length);
        stream.CanSeek.ShouldBeTrue();
        stream.CanWrite.ShouldBeFalse();
    }

    [Fact]
    public async Task OpenReadAsync_PositionAndSeek_ReadFromThere()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("seek");
        var bytes = BlobTestData.Bytes(50_000);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken: _ct);

        await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions { Position = 40_000, BufferSize = 1024 }, _ct);
        var atStart = new byte[10];
        await stream.ReadExactlyAsync(atStart, _ct);
        stream.Seek(-100, SeekOrigin.End);
        using var tail = new MemoryStream();
        await stream.CopyToAsync(tail, _ct);

        atStart.ShouldBe(bytes[40_000..40_010]);
        tail.ToArray().ShouldBe(bytes[^100..]);
    }

    [Fact]
    public async Task OpenReadAsync_BlobChangedAfterOpen_Throws412NamingTheChange()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("moving");
        await blob.UploadAsync(BinaryData.FromBytes(BlobTestData.Bytes(10_000)), cancellationToken: _ct);
        await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions { BufferSize = 1000 }, _ct);
        await stream.ReadExactlyAsync(new byte[1000], _ct);

        await blob.UploadAsync(BinaryData.FromBytes(BlobTestData.Bytes(10_000, seed: 2)), cancellationToken: _ct);
        var error = await Should.ThrowAsync<RequestFailedException>(async () => await stream.ReadExactlyAsync(new byte[100], _ct));

        error.Status.ShouldBe(412);
        error.Message.ShouldContain("changed after it was opened");
    }

    [Fact]
    public async Task OpenReadAsync_Missing_Throws404()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("absent");

        (await Should.ThrowAsync<RequestFailedException>(() => blob.OpenReadAsync(cancellationToken: _ct))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task StageBlockAsync_CommitBlockList_CommittedListReadableAndContentInOrder()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("blocks");
        var ids = Enumerable.Range(0, 3).Select(BlockId).ToList();
        await blob.StageBlockAsync(ids[0], BinaryData.FromString("aa"), _ct);
        await blob.StageBlockAsync(ids[1], new MemoryStream("bbb"u8.ToArray()), _ct);
        await blob.StageBlockAsync(ids[2], BinaryData.FromString("c"), _ct);

        var staged = (await blob.GetBlockListAsync(cancellationToken: _ct)).Value;
        var committed = await blob.CommitBlockListAsync([ids[2], ids[0]], new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" } }, _ct);
        var list = (await blob.GetBlockListAsync(cancellationToken: _ct)).Value;

        staged.CommittedBlocks.ShouldBeEmpty();
        staged.UncommittedBlocks.Select(b => (b.Name, b.Size)).ShouldBe([(ids[0], 2L), (ids[1], 3L), (ids[2], 1L)], ignoreOrder: true);
        list.CommittedBlocks.Select(b => (b.Name, b.Size)).ShouldBe([(ids[2], 1L), (ids[0], 2L)]);
        list.UncommittedBlocks.ShouldBeEmpty();
        list.ETag.ShouldBe(committed.Value.ETag);
        list.BlobContentLength.ShouldBe(3);
        var content = (await blob.DownloadContentAsync(cancellationToken: _ct)).Value;
        content.Content.ToString().ShouldBe("caa");
        content.Details.ContentType.ShouldBe("text/plain");
    }

    [Fact]
    public async Task StageBlockAsync_SameIdTwice_ReplacesTheBlock()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("restaged");
        var id = BlockId(7);
        await blob.StageBlockAsync(id, BinaryData.FromString("first try"), _ct);
        await blob.StageBlockAsync(id, BinaryData.FromString("retry"), _ct);

        var staged = (await blob.GetBlockListAsync(BlockListTypes.Uncommitted, _ct)).Value;
        await blob.CommitBlockListAsync([id], cancellationToken: _ct);

        staged.UncommittedBlocks.ShouldHaveSingleItem().Size.ShouldBe(5);
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("retry");
    }

    [Fact]
    public async Task StageBlockAsync_ForwardOnlyStream_StagesItsBytes()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("forward-block");
        var bytes = BlobTestData.Bytes(250_000);

        await blob.StageBlockAsync(BlockId(1), new BlobTestData.ForwardOnlyStream(bytes), _ct);
        await blob.CommitBlockListAsync([BlockId(1)], cancellationToken: _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task CommitBlockListAsync_CommittedIdsPlusNewBlock_AppendsWithoutRestaging()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("append");
        await blob.StageBlockAsync(BlockId(0), BinaryData.FromString("one,"), _ct);
        await blob.CommitBlockListAsync([BlockId(0)], cancellationToken: _ct);
        await blob.StageBlockAsync(BlockId(1), BinaryData.FromString("two"), _ct);

        await blob.CommitBlockListAsync([BlockId(0), BlockId(1)], cancellationToken: _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("one,two");
    }

    [Fact]
    public async Task CommitBlockListAsync_UnknownBlock_Throws400InvalidBlockList()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("unknown-block");

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.CommitBlockListAsync([BlockId(9)], cancellationToken: _ct));

        error.Status.ShouldBe(400);
        error.ErrorCode.ShouldBe("InvalidBlockList");
    }

    [Fact]
    public async Task CommitBlockListAsync_IfNoneMatchAllOnExistingBlob_Throws409()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("commit-once");
        await blob.UploadAsync(BinaryData.FromString("exists"), cancellationToken: _ct);
        await blob.StageBlockAsync(BlockId(0), BinaryData.FromString("new"), _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.CommitBlockListAsync(
            [BlockId(0)], new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, _ct));

        error.Status.ShouldBe(409);
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("exists");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    public async Task StageBlockAsync_InvalidBlockId_ThrowsArgumentException(string id)
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("any").GetBlobClient("x");

        await Should.ThrowAsync<ArgumentException>(() => blob.StageBlockAsync(id, BinaryData.FromString("x"), _ct));
    }

    [Fact]
    public async Task GetBlockListAsync_Missing_Throws404()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("no-blocks");

        (await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlockListAsync(cancellationToken: _ct))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task SetMetadataAsync_RoundTrip_ReplacesMetadataAndKeepsCase()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("meta");
        await blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["old"] = "1" } }, _ct);

        var info = await blob.SetMetadataAsync(new Dictionary<string, string> { ["JobName"] = "import users", ["_chunk2"] = "a=b;c" }, cancellationToken: _ct);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value;

        properties.Metadata.ShouldBe(new Dictionary<string, string> { ["JobName"] = "import users", ["_chunk2"] = "a=b;c" }, ignoreOrder: true);
        properties.Metadata["jobname"].ShouldBe("import users");
        properties.ETag.ShouldBe(info.Value.ETag);
    }

    [Fact]
    public async Task SetMetadataAsync_StaleIfMatch_Throws412()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("meta-guard");
        var first = await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);
        await blob.UploadAsync(BinaryData.FromString("y"), cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.SetMetadataAsync(
            new Dictionary<string, string> { ["a"] = "b" }, new BlobRequestConditions { IfMatch = first.Value.ETag }, _ct));

        error.Status.ShouldBe(412);
    }

    [Fact]
    public async Task GetPropertiesAsync_Existing_ReportsLengthTypeCreationAndLease()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("props");
        var uploaded = await blob.UploadAsync(BinaryData.FromString("12345"), cancellationToken: _ct);

        var properties = (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value;

        properties.ContentLength.ShouldBe(5);
        properties.ETag.ShouldBe(uploaded.Value.ETag);
        properties.CreatedOn.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(-1));
        properties.LeaseState.ShouldBe("available");
        properties.LeaseStatus.ShouldBe("unlocked");
        properties.BlobType.ShouldBe("BlockBlob");
    }

    [Fact]
    public async Task GetPropertiesAsync_IfModifiedSinceFuture_Throws304()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("since");
        await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetPropertiesAsync(
            new BlobRequestConditions { IfModifiedSince = DateTimeOffset.UtcNow.AddHours(1) }, _ct));

        error.Status.ShouldBe(304);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_DeletesThenThrows404()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("delete-me");
        await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);

        await blob.DeleteAsync(cancellationToken: _ct);
        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.DeleteAsync(cancellationToken: _ct));

        (await blob.ExistsAsync(_ct)).ShouldBeFalse();
        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("BlobNotFound");
    }

    [Fact]
    public async Task DeleteIfExistsAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        var blob = container.GetBlobClient("delete-if");
        await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);

        (await blob.DeleteIfExistsAsync(cancellationToken: _ct)).Value.ShouldBeTrue();
        (await blob.DeleteIfExistsAsync(cancellationToken: _ct)).Value.ShouldBeFalse();
        (await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzuriteFixture.UniqueName("gone")).GetBlobClient("x")
            .DeleteIfExistsAsync(cancellationToken: _ct)).Value.ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteAsync_StaleIfMatch_Throws412AndKeepsBlob()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite)).GetBlobClient("keep");
        await blob.UploadAsync(BinaryData.FromString("x"), cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(
            () => blob.DeleteAsync(new BlobRequestConditions { IfMatch = new ETag("\"0x8D000000000000\"") }, _ct));

        error.Status.ShouldBe(412);
        (await blob.ExistsAsync(_ct)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("with space.txt")]
    [InlineData("dir/sub dir/ünïcødé 文字.csv")]
    [InlineData("hash#and?query%25percent&amp+plus=eq")]
    [InlineData("emoji 😀/x")]
    [InlineData("a//double")]
    public async Task UploadAsync_NameNeedingEscapes_RoundTripsAndListsUnescaped(string name)
    {
        var container = await BlobTestData.NewContainerAsync(azurite);
        var blob = container.GetBlobClient(name);

        await blob.UploadAsync(BinaryData.FromString(name), cancellationToken: _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe(name);
        (await container.GetBlobsAsync(cancellationToken: _ct).ToListAsync(_ct)).ShouldHaveSingleItem().Name.ShouldBe(name);
        blob.Name.ShouldBe(name);
        blob.ContainerName.ShouldBe(container.Name);
        blob.Uri.AbsoluteUri.ShouldStartWith(container.Uri.AbsoluteUri + "/");
    }

    [Fact]
    public void Uri_NameWithReservedCharacters_EscapesSegmentsKeepsSlashes()
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("c1c").GetBlobClient("a b/c#d?e%f");

        blob.Uri.AbsolutePath.ShouldEndWith("/c1c/a%20b/c%23d%3Fe%25f");
    }

    [Fact]
    public async Task UploadAsync_InvalidMetadata_ThrowsBeforeAnyRequest()
    {
        var unreachable = new BlobServiceClient("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a");
        var blob = unreachable.GetBlobContainerClient("ccc").GetBlobClient("x");

        var error = await Should.ThrowAsync<ArgumentException>(() => blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["bad-name"] = "v" } }, _ct));
        await Should.ThrowAsync<ArgumentException>(() => blob.SetMetadataAsync(new Dictionary<string, string> { ["ok"] = "naïve" }, cancellationToken: _ct));

        error.Message.ShouldContain("C# identifier");
    }

    private static string BlockId(int index) => Convert.ToBase64String(BitConverter.GetBytes((long)index));
}
