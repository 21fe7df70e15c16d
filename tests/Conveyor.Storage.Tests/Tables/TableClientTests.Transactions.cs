using Azure;
using Conveyor.Storage.Tables;

namespace Conveyor.Storage.Tests.Tables;

public sealed partial class TableClientTests
{
    [Fact]
    public async Task SubmitTransactionAsync_Adds_AppliesAllAndSetsEachETag()
    {
        var table = await NewTableAsync();
        var entities = Enumerable.Range(0, 100).Select(i => new TableEntity("p", $"r{i:D3}") { ["I"] = i }).ToList();

        var response = await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), Ct);

        response.GetRawResponse().Status.ShouldBe(202);
        response.Value.Count.ShouldBe(100);
        response.Value.ShouldAllBe(r => r.Status == 204);
        var stored = await table.QueryAsync(cancellationToken: Ct).ToListAsync(Ct);
        stored.Count.ShouldBe(100);
        foreach (var entity in entities)
        {
            entity.ETag.ShouldBe(stored.Single(s => s.RowKey == entity.RowKey).ETag);
        }
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_AppliesEachKind()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "delete"), Ct);
        await table.AddEntityAsync(new TableEntity("p", "upsertmerge") { ["A"] = "a", ["B"] = "b" }, Ct);
        var replace = new TableEntity("p", "replace") { ["A"] = "a2" };

        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["A"] = "a2" }),
            new(TableTransactionActionType.UpdateReplace, replace, ETag.All),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsertmerge") { ["A"] = "a2" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsertreplace") { ["C"] = "c" }),
        ], Ct);

        (await table.GetEntityAsync("p", "add", cancellationToken: Ct)).Value.GetString("A").ShouldBe("new");
        var merged = (await table.GetEntityAsync("p", "merge", cancellationToken: Ct)).Value;
        (merged.GetString("A"), merged.GetString("B")).ShouldBe(("a2", "b"));
        var replaced = (await table.GetEntityAsync("p", "replace", cancellationToken: Ct)).Value;
        (replaced.GetString("A"), replaced.GetString("B")).ShouldBe(("a2", null));
        replaced.ETag.ShouldBe(replace.ETag);
        (await table.GetEntityIfExistsAsync("p", "delete", cancellationToken: Ct)).ShouldBeNull();
        var upsertMerged = (await table.GetEntityAsync("p", "upsertmerge", cancellationToken: Ct)).Value;
        (upsertMerged.GetString("A"), upsertMerged.GetString("B")).ShouldBe(("a2", "b"));
        (await table.GetEntityAsync("p", "upsertreplace", cancellationToken: Ct)).Value.GetString("C").ShouldBe("c");
    }

    [Fact]
    public async Task SubmitTransactionAsync_FailingAction_ThrowsWithIndexAndAppliesNothing()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists"), Ct);
        await table.AddEntityAsync(new TableEntity("p", "kept") { ["V"] = "original" }, Ct);

        var error = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "kept") { ["V"] = "changed" }),
            new(TableTransactionActionType.Add, new TableEntity("p", "new2")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
            new(TableTransactionActionType.Add, new TableEntity("p", "new3")),
        ], Ct));

        error.FailedTransactionActionIndex.ShouldBe(3);
        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("EntityAlreadyExists");
        error.ShouldBeAssignableTo<RequestFailedException>();
        var stored = await table.QueryAsync(cancellationToken: Ct).ToListAsync(Ct);
        stored.Select(e => e.RowKey).ShouldBe(["exists", "kept"]);
        stored[1].GetString("V").ShouldBe("original");
    }

    [Fact]
    public async Task SubmitTransactionAsync_UpdateOfMissingEntity_ThrowsWithItsIndex()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "missing")),
        ], Ct));

        error.FailedTransactionActionIndex.ShouldBe(1);
        error.Status.ShouldBe(404);
        (await table.GetEntityIfExistsAsync("p", "a", cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SubmitTransactionAsync_MoreThan100_ThrowsArgumentExceptionBeforeSending()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient("neverCreated");
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")));

        var error = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        error.Message.ShouldContain("100");
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_ThrowsArgumentExceptionAndAppliesNothing()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "b")),
        ], Ct));

        error.Message.ShouldContain("partition key");
        (await table.QueryAsync(cancellationToken: Ct).ToListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SubmitTransactionAsync_Empty_ThrowsArgumentException()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient("neverCreated");

        await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync([], Ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_BodyOver4MiB_ThrowsArgumentException()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient("neverCreated");
        var big = new string('x', 30_000);
        var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(
            TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["A"] = big, ["B"] = big }));

        var error = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        error.Message.ShouldContain("4 MiB");
    }

    [Fact]
    public async Task SubmitTransactionAsync_ThenGuardedUpdateWithReturnedETag_Succeeds()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["V"] = 1 };
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entity)], Ct);

        entity["V"] = 2;
        await table.UpdateEntityAsync(entity, entity.ETag, cancellationToken: Ct);

        (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value.GetInt32("V").ShouldBe(2);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameRowTwice_ThrowsInvalidDuplicateRowWithIndex()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
        ], Ct));

        error.Status.ShouldBe(400);
        error.ErrorCode.ShouldBe("InvalidDuplicateRow");
        error.FailedTransactionActionIndex.ShouldBe(1);
        (await table.GetEntityIfExistsAsync("p", "a", cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SubmitTransactionAsync_ClientFromConnectionString_AppliesActions()
    {
        var name = Conveyor.Testing.AzuriteFixture.UniqueName("cs");
        var table = new TableClient(_azurite.ConnectionString, name);
        await table.CreateIfNotExistsAsync(Ct);

        await table.SubmitTransactionAsync([new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r") { ["V"] = 1L })], Ct);

        (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value.GetInt64("V").ShouldBe(1L);
        table.Name.ShouldBe(name);
    }
}
