using Azure;
using Conveyor.Storage.Tables;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Tables;

public sealed partial class TableClientTests
{
    private readonly AzuriteFixture _azurite;

    public TableClientTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableServiceClient(_azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("t"));
        (await client.CreateIfNotExistsAsync(Ct)).Value.ShouldBeTrue();
        return client;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_SecondReturnsFalse()
    {
        var table = await NewTableAsync();

        var again = await table.CreateIfNotExistsAsync(Ct);

        again.Value.ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_Exists_Throws409TableAlreadyExists()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.CreateAsync(Ct));

        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("TableAlreadyExists");
    }

    [Fact]
    public async Task DeleteAsync_Existing_TableGoneAndSecondDeleteReturns404WithoutThrowing()
    {
        var table = await NewTableAsync();

        var deleted = await table.DeleteAsync(Ct);
        var again = await table.DeleteAsync(Ct);

        deleted.Status.ShouldBe(204);
        again.Status.ShouldBe(404);
        var error = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), Ct));
        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task AddEntityAsync_New_StoresEntityAndSetsETagFromResponse()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["Name"] = "first" };

        var response = await table.AddEntityAsync(entity, Ct);

        response.Status.ShouldBe(204);
        response.Headers.ETag.ShouldNotBeNull();
        entity.ETag.ShouldBe(response.Headers.ETag!.Value);
        var stored = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;
        stored.GetString("Name").ShouldBe("first");
        stored.ETag.ShouldBe(entity.ETag);
        stored.PartitionKey.ShouldBe("p");
        stored.RowKey.ShouldBe("r");
        stored.Timestamp.ShouldNotBeNull();
    }

    [Fact]
    public async Task AddEntityAsync_Exists_Throws409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"), Ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), Ct));

        error.Status.ShouldBe(409);
        error.ErrorCode.ShouldBe("EntityAlreadyExists");
    }

    [Fact]
    public async Task UpdateEntityAsync_ChainedETags_SucceedThenStaleETagFails412()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["Count"] = 1 };
        await table.AddEntityAsync(entity, Ct);
        var first = entity.ETag;

        entity["Count"] = 2;
        await table.UpdateEntityAsync(entity, entity.ETag, cancellationToken: Ct);
        var second = entity.ETag;
        entity["Count"] = 3;
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, Ct);

        second.ShouldNotBe(first);
        entity.ETag.ShouldNotBe(second);
        var error = await Should.ThrowAsync<RequestFailedException>(() => table.UpdateEntityAsync(entity, first, cancellationToken: Ct));
        error.Status.ShouldBe(412);
        error.ErrorCode.ShouldBe("UpdateConditionNotSatisfied");
        (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value.GetInt32("Count").ShouldBe(3);
    }

    [Fact]
    public async Task UpdateEntityAsync_Missing_Throws404()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "nope"), ETag.All, cancellationToken: Ct));

        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task UpdateEntityAsync_DefaultETag_ThrowsArgumentException()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient("unused");

        var error = await Should.ThrowAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default, cancellationToken: Ct));

        error.Message.ShouldContain("ETag.All");
    }

    [Fact]
    public async Task UpdateEntityAsync_MergeVersusReplace_MergeKeepsOtherPropertiesReplaceDropsThem()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, Ct);

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = "a2" }, ETag.All, TableUpdateMode.Merge, Ct);
        var merged = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = "a3" }, ETag.All, TableUpdateMode.Replace, Ct);
        var replaced = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        merged.GetString("A").ShouldBe("a2");
        merged.GetString("B").ShouldBe("b");
        replaced.GetString("A").ShouldBe("a3");
        replaced.ContainsKey("B").ShouldBeFalse();
    }

    [Fact]
    public async Task UpsertEntityAsync_MissingThenExisting_InsertsThenMergesOrReplaces()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" };

        await table.UpsertEntityAsync(entity, cancellationToken: Ct);
        var inserted = entity.ETag;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a2" }, TableUpdateMode.Merge, Ct);
        var merged = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;
        var replacement = new TableEntity("p", "r") { ["C"] = "c" };
        await table.UpsertEntityAsync(replacement, TableUpdateMode.Replace, Ct);
        var replaced = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        inserted.ShouldNotBe(default);
        merged.GetString("A").ShouldBe("a2");
        merged.GetString("B").ShouldBe("b");
        replaced.Keys.Where(k => !TableEntityIsSystem(k)).ShouldBe(["C"]);
        replacement.ETag.ShouldBe(replaced.ETag);
    }

    [Fact]
    public async Task DeleteEntityAsync_Existing_Removes()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        await table.AddEntityAsync(entity, Ct);

        var response = await table.DeleteEntityAsync("p", "r", entity.ETag, Ct);

        response.Status.ShouldBe(204);
        (await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteEntityAsync_MissingUnconditional_Returns404WithoutThrowing()
    {
        var table = await NewTableAsync();

        var response = await table.DeleteEntityAsync("p", "missing", cancellationToken: Ct);
        var all = await table.DeleteEntityAsync("p", "missing", ETag.All, Ct);

        response.Status.ShouldBe(404);
        all.Status.ShouldBe(404);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412AndKeepsEntity()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["V"] = 1 };
        await table.AddEntityAsync(entity, Ct);
        var stale = entity.ETag;
        await table.UpdateEntityAsync(entity, entity.ETag, cancellationToken: Ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale, Ct));

        error.Status.ShouldBe(412);
        (await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task DeleteEntityAsync_MissingConditional_Throws404()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r");
        await table.AddEntityAsync(entity, Ct);
        await table.DeleteEntityAsync("p", "r", cancellationToken: Ct);

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", entity.ETag, Ct));

        error.Status.ShouldBe(404);
    }

    [Fact]
    public async Task GetEntityAsync_Missing_Throws404ResourceNotFound()
    {
        var table = await NewTableAsync();

        var error = await Should.ThrowAsync<RequestFailedException>(() => table.GetEntityAsync("p", "missing", cancellationToken: Ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("ResourceNotFound");
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Missing_ReturnsNull()
    {
        var table = await NewTableAsync();

        var entity = await table.GetEntityIfExistsAsync("p", "missing", cancellationToken: Ct);

        entity.ShouldBeNull();
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingTable_ReturnsNull()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("none"));

        var entity = await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct);

        entity.ShouldBeNull();
    }

    [Fact]
    public async Task GetEntityAsync_Select_ReturnsOnlySelectedPropertiesAndKeys()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = 2, ["C"] = true }, Ct);

        var entity = (await table.GetEntityAsync("p", "r", ["A", "C"], Ct)).Value;

        entity.GetString("A").ShouldBe("a");
        entity.GetBoolean("C").ShouldBe(true);
        entity.ContainsKey("B").ShouldBeFalse();
        entity.PartitionKey.ShouldBe("p");
        entity.RowKey.ShouldBe("r");
        entity.ETag.ShouldNotBe(default);
    }

    [Theory]
    [InlineData("it's", "o'clock")]
    [InlineData("space and %25 and +", "ümlaut-日本-😀")]
    [InlineData("", "")]
    [InlineData("a&b=c", "(x),[y]*$@!;:")]
    public async Task EntityOperations_UnusualKeys_RoundTrip(string partitionKey, string rowKey)
    {
        var table = await NewTableAsync();
        var entity = new TableEntity(partitionKey, rowKey) { ["V"] = 1 };

        await table.AddEntityAsync(entity, Ct);
        await table.UpdateEntityAsync(entity, entity.ETag, cancellationToken: Ct);
        var read = (await table.GetEntityAsync(partitionKey, rowKey, cancellationToken: Ct)).Value;
        var queried = await table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}"), cancellationToken: Ct).ToListAsync(Ct);
        await table.DeleteEntityAsync(partitionKey, rowKey, read.ETag, Ct);

        read.PartitionKey.ShouldBe(partitionKey);
        read.RowKey.ShouldBe(rowKey);
        queried.Count.ShouldBe(1);
        (await table.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken: Ct)).ShouldBeNull();
    }

    private static bool TableEntityIsSystem(string name) => name is "PartitionKey" or "RowKey" or "Timestamp";
}
