using Azure;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Blobs;

public sealed class BlobLeaseClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_FreeBlob_LeasesWithGivenId()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient("11111111-1111-1111-1111-111111111111");

        var acquired = await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value;

        acquired.Value.LeaseId.ShouldBe("11111111-1111-1111-1111-111111111111");
        acquired.Value.ETag.ShouldBe(properties.ETag);
        properties.LeaseState.ShouldBe("leased");
        properties.LeaseStatus.ShouldBe("locked");
        properties.LeaseDuration.ShouldBe("fixed");
    }

    [Fact]
    public void GetBlobLeaseClient_NoId_UsesRandomGuid()
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("abc").GetBlobClient("x");

        Guid.TryParse(blob.GetBlobLeaseClient().LeaseId, out _).ShouldBeTrue();
        blob.GetBlobLeaseClient().LeaseId.ShouldNotBe(blob.GetBlobLeaseClient().LeaseId);
    }

    [Fact]
    public async Task AcquireAsync_HeldByAnotherId_Throws409LeaseAlreadyPresent()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct));

        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("LeaseAlreadyPresent");
    }

    [Fact]
    public async Task AcquireAsync_Infinite_ReportsInfiniteDuration()
    {
        var blob = await NewBlobAsync();

        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: _ct);

        (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value.LeaseDuration.ShouldBe("infinite");
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    [InlineData(0)]
    public async Task AcquireAsync_DurationOutOfRange_ThrowsBeforeRequest(int seconds)
    {
        var blob = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("abc").GetBlobClient("x");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(seconds), cancellationToken: _ct));
    }

    [Fact]
    public async Task AcquireAsync_StaleIfMatch_Throws412()
    {
        var blob = await NewBlobAsync();

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(
            TimeSpan.FromSeconds(15), new BlobRequestConditions { IfMatch = new ETag("\"0x8D000000000000\"") }, _ct));

        error.Status.ShouldBe(412);
    }

    [Fact]
    public async Task UploadAsync_LeasedBlob_RequiresTheLeaseId()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(30), cancellationToken: _ct);

        var without = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("no lease"), cancellationToken: _ct));
        var wrong = await Should.ThrowAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("wrong lease"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = Guid.NewGuid().ToString() } }, _ct));
        await blob.UploadAsync(BinaryData.FromString("with lease"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } }, _ct);

        without.Status.ShouldBe(412);
        without.ErrorCode.ShouldBe("LeaseIdMissing");
        wrong.Status.ShouldBe(412);
        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("with lease");
    }

    [Fact]
    public async Task StageBlockAsync_LeasedBlob_AcceptsLeaseIdThroughOptions()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(30), cancellationToken: _ct);
        var id = Convert.ToBase64String("block-1"u8.ToArray());

        await Should.ThrowAsync<RequestFailedException>(() => blob.StageBlockAsync(id, BinaryData.FromString("x"), _ct));
        await blob.StageBlockAsync(id, BinaryData.FromString("leased block"), new BlobStageBlockOptions { LeaseId = lease.LeaseId }, _ct);
        await blob.CommitBlockListAsync([id], new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } }, _ct);

        (await blob.DownloadContentAsync(cancellationToken: _ct)).Value.Content.ToString().ShouldBe("leased block");
    }

    [Fact]
    public async Task RenewAsync_OwnLease_SucceedsAndOtherIdFails409()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);

        var renewed = await lease.RenewAsync(cancellationToken: _ct);
        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().RenewAsync(cancellationToken: _ct));

        renewed.Value.LeaseId.ShouldBe(lease.LeaseId);
        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("LeaseIdMismatchWithLeaseOperation");
    }

    [Fact]
    public async Task ReleaseAsync_OwnLease_FreesBlobForAnotherAcquirer()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: _ct);

        var released = await lease.ReleaseAsync(cancellationToken: _ct);
        var next = await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);

        released.Value.ETag.ShouldNotBe(default);
        next.Value.LeaseId.ShouldNotBe(lease.LeaseId);
    }

    [Fact]
    public async Task ReleaseAsync_OtherId_Throws409()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().ReleaseAsync(cancellationToken: _ct));

        error.Status.ShouldBe(409);
    }

    [Fact]
    public async Task BreakAsync_ZeroPeriod_EndsLeaseSoAnotherCanAcquire()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration, cancellationToken: _ct);

        var broken = await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: _ct);
        var state = (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value.LeaseState;
        var taken = await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);

        broken.Value.LeaseTime.ShouldBe(0);
        state.ShouldBe("broken");
        taken.Value.LeaseId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task BreakAsync_WithPeriod_BlocksNewAcquireUntilItEnds()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(60), cancellationToken: _ct);

        var broken = await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.FromSeconds(30), cancellationToken: _ct);
        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct));

        broken.Value.LeaseTime.ShouldNotBeNull().ShouldBeInRange(1, 30);
        (await blob.GetPropertiesAsync(cancellationToken: _ct)).Value.LeaseState.ShouldBe("breaking");
        error.Status.ShouldBe(409);
    }

    [Fact]
    public async Task ChangeAsync_OwnLease_UpdatesLeaseIdAndOldIdStopsWorking()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetBlobLeaseClient();
        var oldId = lease.LeaseId;
        await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);
        var newId = Guid.NewGuid().ToString();

        var changed = await lease.ChangeAsync(newId, cancellationToken: _ct);
        var error = await Should.ThrowAsync<RequestFailedException>(() => blob.GetBlobLeaseClient(oldId).RenewAsync(cancellationToken: _ct));

        changed.Value.LeaseId.ShouldBe(newId);
        lease.LeaseId.ShouldBe(newId);
        (await lease.RenewAsync(cancellationToken: _ct)).Value.LeaseId.ShouldBe(newId);
        error.Status.ShouldBe(409);
    }

    [Fact]
    public async Task ChangeAsync_NotHolder_Throws409AndKeepsId()
    {
        var blob = await NewBlobAsync();
        await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct);
        var stranger = blob.GetBlobLeaseClient();
        var strangerId = stranger.LeaseId;

        var error = await Should.ThrowAsync<RequestFailedException>(() => stranger.ChangeAsync(Guid.NewGuid().ToString(), cancellationToken: _ct));

        error.Status.ShouldBe(409);
        stranger.LeaseId.ShouldBe(strangerId);
    }

    [Fact]
    public async Task AcquireAsync_MissingBlob_Throws404()
    {
        var container = await BlobTestData.NewContainerAsync(azurite);

        var error = await Should.ThrowAsync<RequestFailedException>(() => container.GetBlobClient("none").GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: _ct));

        error.Status.ShouldBe(404);
    }

    private async Task<BlobClient> NewBlobAsync()
    {
        var blob = (await BlobTestData.NewContainerAsync(azurite, "lease")).GetBlobClient("leased");
        await blob.UploadAsync(BinaryData.FromString("content"), cancellationToken: _ct);
        return blob;
    }
}
