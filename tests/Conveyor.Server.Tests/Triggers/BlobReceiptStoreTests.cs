using Azure.Data.Tables;
using Conveyor.Api.Uploads;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Triggers;

public sealed class BlobReceiptStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryClaimAsync_SecondInsertOrStaleUpdate_LosesToTheFirst()
    {
        var store = new BlobReceiptStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("receipts")));
        var now = DateTimeOffset.UtcNow;

        var first = await store.TryClaimAsync(null, "job", "in/a b#?.csv", "1", "p1", now, Ct);
        var second = await store.TryClaimAsync(null, "job", "in/a b#?.csv", "1", "p2", now, Ct);
        var current = await store.GetAsync("job", "in/a b#?.csv", Ct);
        var takeover = await store.TryClaimAsync(current, "job", "in/a b#?.csv", "1", "p3", now, Ct);
        var staleComplete = await store.TryCompleteAsync(first!, BlobReceipt.Started, "i", null, Ct);

        first.ShouldNotBeNull();
        second.ShouldBeNull();
        current!.Owner.ShouldBe("p1");
        current.BlobName.ShouldBe("in/a b#?.csv");
        takeover.ShouldNotBeNull();
        staleComplete.ShouldBeFalse();
        (await store.TryCompleteAsync(takeover, BlobReceipt.Started, "i", null, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task GetDoneAsync_ListsStartedAndRejected_NotClaims()
    {
        var store = new BlobReceiptStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("receipts")));
        var now = DateTimeOffset.UtcNow;
        await store.TryClaimAsync(null, "job", "claimed", "1", "p", now, Ct);
        await store.TryCompleteAsync((await store.TryClaimAsync(null, "job", "started", "2", "p", now, Ct))!, BlobReceipt.Started, "i", null, Ct);
        await store.TryCompleteAsync((await store.TryClaimAsync(null, "job", "rejected", "3", "p", now, Ct))!, BlobReceipt.Rejected, "i", "bad", Ct);
        await store.TryCompleteAsync((await store.TryClaimAsync(null, "other", "elsewhere", "4", "p", now, Ct))!, BlobReceipt.Started, "i", null, Ct);

        var done = new List<BlobReceipt>();
        await foreach (var receipt in store.GetDoneAsync("job", Ct))
        {
            done.Add(receipt);
        }

        done.Select(r => (r.BlobName, r.BlobETag, r.Status)).ShouldBe([("rejected", "3", BlobReceipt.Rejected), ("started", "2", BlobReceipt.Started)], ignoreOrder: true);
    }
}
