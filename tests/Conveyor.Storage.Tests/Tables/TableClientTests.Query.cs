using Conveyor.Storage.Tables;

namespace Conveyor.Storage.Tests.Tables;

public sealed partial class TableClientTests
{
    private async Task<TableClient> NewTableWithRowsAsync(int rows, params string[] partitions)
    {
        var table = await NewTableAsync();
        foreach (var partition in partitions)
        {
            var actions = Enumerable.Range(0, rows)
                .Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(partition, i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i, ["Name"] = $"name {i}" }))
                .Chunk(100);
            foreach (var chunk in actions)
            {
                await table.SubmitTransactionAsync(chunk, Ct);
            }
        }

        return table;
    }

    [Fact]
    public async Task QueryAsync_SmallPages_ReturnsEveryEntityOnceAcrossPartitions()
    {
        var table = await NewTableWithRowsAsync(7, "a", "b", "c");

        var pages = await table.QueryAsync(maxPerPage: 2, cancellationToken: Ct).AsPages().ToListAsync(Ct);
        var entities = pages.SelectMany(p => p.Values).ToList();

        entities.Count.ShouldBe(21);
        entities.Select(e => e.PartitionKey + "/" + e.RowKey).Distinct().Count().ShouldBe(21);
        pages.ShouldAllBe(p => p.Values.Count <= 2);
        pages.Count.ShouldBeGreaterThanOrEqualTo(11);
        pages[^1].ContinuationToken.ShouldBeNull();
        entities.ShouldAllBe(e => e.ETag != default);
    }

    [Fact]
    public async Task QueryAsync_ResumeFromSavedToken_ContinuesWhereThePageEnded()
    {
        var table = await NewTableWithRowsAsync(5, "a", "b");
        string? token;
        List<string> firstKeys;
        await using (var pages = table.QueryAsync(maxPerPage: 3, cancellationToken: Ct).AsPages().GetAsyncEnumerator(Ct))
        {
            (await pages.MoveNextAsync()).ShouldBeTrue();
            firstKeys = pages.Current.Values.Select(e => e.PartitionKey + "/" + e.RowKey).ToList();
            token = pages.Current.ContinuationToken;
        }

        var rest = await table.QueryAsync(maxPerPage: 3, cancellationToken: Ct).AsPages(token).ToListAsync(Ct);
        var restKeys = rest.SelectMany(p => p.Values).Select(e => e.PartitionKey + "/" + e.RowKey).ToList();

        token.ShouldNotBeNullOrEmpty();
        firstKeys.ShouldBe(["a/0000", "a/0001", "a/0002"]);
        restKeys.ShouldBe(["a/0003", "a/0004", "b/0000", "b/0001", "b/0002", "b/0003", "b/0004"]);
    }

    [Fact]
    public async Task QueryAsync_BadToken_ThrowsArgumentException()
    {
        var table = await NewTableAsync();

        await Should.ThrowAsync<ArgumentException>(async () => await table.QueryAsync(cancellationToken: Ct).AsPages("%%%not-a-token").ToListAsync(Ct));
    }

    [Fact]
    public async Task QueryAsync_FilterOnTypedValues_MatchesOnlyThoseEntities()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "1") { ["L"] = 10L, ["D"] = 1.5, ["B"] = true, ["T"] = when, ["G"] = id, ["X"] = new byte[] { 1, 2 } }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "2") { ["L"] = 20L, ["D"] = 2.0, ["B"] = false, ["T"] = when.AddSeconds(1), ["G"] = Guid.NewGuid(), ["X"] = new byte[] { 3 } }, Ct);

        async Task<string[]> Rows(FormattableString filter) =>
            (await table.QueryAsync(TableClient.CreateQueryFilter(filter), cancellationToken: Ct).ToListAsync(Ct)).Select(e => e.RowKey).ToArray();

        (await Rows($"L gt {15L}")).ShouldBe(["2"]);
        (await Rows($"D eq {2.0}")).ShouldBe(["2"]);
        (await Rows($"D lt {2}")).ShouldBe(["1"]);
        (await Rows($"B eq {true}")).ShouldBe(["1"]);
        (await Rows($"T eq {when}")).ShouldBe(["1"]);
        (await Rows($"T gt {when.UtcDateTime}")).ShouldBe(["2"]);
        (await Rows($"G eq {id}")).ShouldBe(["1"]);
        (await Rows($"X eq {new byte[] { 3 }}")).ShouldBe(["2"]);
    }

    [Theory]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("' or 1 eq 1 or '")]
    [InlineData("x') or (RowKey ne '")]
    public async Task QueryAsync_InjectionAttemptInValue_MatchesNothing(string value)
    {
        var table = await NewTableWithRowsAsync(3, "a");

        var found = await table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {value}"), cancellationToken: Ct).ToListAsync(Ct);

        found.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("''")]
    [InlineData("日本語 😀 ü")]
    [InlineData("a&b=c+d%20e#")]
    public async Task QueryAsync_ValueWithQuotesOrUnicode_MatchesExactlyThatValue(string value)
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "match") { ["Name"] = value }, Ct);
        await table.AddEntityAsync(new TableEntity("p", "other") { ["Name"] = value + "x" }, Ct);

        var found = await table.QueryAsync(TableClient.CreateQueryFilter($"Name eq {value}"), cancellationToken: Ct).ToListAsync(Ct);

        found.Select(e => e.RowKey).ShouldBe(["match"]);
    }

    [Fact]
    public async Task QueryAsync_Select_ReturnsSelectedPropertiesWithKeys()
    {
        var table = await NewTableWithRowsAsync(2, "a");

        var found = await table.QueryAsync(select: ["N"], cancellationToken: Ct).ToListAsync(Ct);

        found.Count.ShouldBe(2);
        found.ShouldAllBe(e => !e.ContainsKey("Name") && e.ContainsKey("N") && e.PartitionKey == "a" && e.RowKey.Length == 4);
    }

    [Fact]
    public async Task QueryAsync_MissingTable_ThrowsNotFound()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient(Conveyor.Testing.AzuriteFixture.UniqueName("none"));

        var error = await Should.ThrowAsync<Azure.RequestFailedException>(async () => await table.QueryAsync(cancellationToken: Ct).ToListAsync(Ct));

        error.Status.ShouldBe(404);
    }
}
