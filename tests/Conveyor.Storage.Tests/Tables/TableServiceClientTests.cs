using Azure;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Tables;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Tables;

public sealed class TableServiceClientTests
{
    private readonly AzuriteFixture _azurite;

    public TableServiceClientTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_FilterAndSmallPages_ListsCreatedTablesAndNotDeletedOnes()
    {
        var service = new TableServiceClient(_azurite.ConnectionString);
        var prefix = AzuriteFixture.UniqueName("list");
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}n{i}").ToList();
        foreach (var name in names)
        {
            (await service.CreateTableIfNotExistsAsync(name, Ct)).Value.ShouldBeTrue();
        }

        await service.DeleteTableAsync(names[4], Ct);
        var filter = TableFilter.Create($"TableName ge {prefix} and TableName lt {prefix + "~"}");
        var pages = await service.QueryAsync(filter, maxPerPage: 2, Ct).AsPages().ToListAsync(Ct);

        pages.SelectMany(p => p.Values).Select(t => t.Name).ShouldBe(names.Take(4));
        pages.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task DeleteTableAsync_Missing_Returns404WithoutThrowing()
    {
        var service = new TableServiceClient(_azurite.ConnectionString);

        var response = await service.DeleteTableAsync(AzuriteFixture.UniqueName("missing"), Ct);

        response.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Constructor_SharedKeyCredential_AuthorizesRequests()
    {
        var parsed = StorageConnectionString.Parse(_azurite.ConnectionString);
        var service = new TableServiceClient(parsed.TableEndpoint!, parsed.SharedKeyCredential!);
        var table = service.GetTableClient(AzuriteFixture.UniqueName("key"));

        await table.CreateIfNotExistsAsync(Ct);
        await table.AddEntityAsync(new TableEntity("p", "it's (1)") { ["V"] = 1 }, Ct);

        (await table.GetEntityAsync("p", "it's (1)", cancellationToken: Ct)).Value.GetInt32("V").ShouldBe(1);
    }

    [Fact]
    public async Task Constructor_WrongKey_Throws403()
    {
        var parsed = StorageConnectionString.Parse(_azurite.ConnectionString);
        var wrong = new Conveyor.Storage.Authentication.StorageSharedKeyCredential(parsed.AccountName, Convert.ToBase64String(new byte[64]));
        var service = new TableServiceClient(parsed.TableEndpoint!, wrong, new Conveyor.Storage.Pipeline.StorageClientOptions { Retry = { MaxRetries = 0 } });

        var error = await Should.ThrowAsync<RequestFailedException>(() => service.CreateTableIfNotExistsAsync(AzuriteFixture.UniqueName("nokey"), Ct));

        error.Status.ShouldBe(403);
        error.Message.ShouldNotContain(Convert.ToBase64String(new byte[64]));
    }

    [Theory]
    [InlineData("ab", "3 to 63")]
    [InlineData("1abc", "start with a letter")]
    [InlineData("abc-def", "letters and digits")]
    [InlineData("Tables", "reserved")]
    public void GetTableClient_InvalidName_ThrowsArgumentExceptionNamingTheRule(string name, string rule)
    {
        var service = new TableServiceClient(_azurite.ConnectionString);

        var error = Should.Throw<ArgumentException>(() => service.GetTableClient(name));

        error.Message.ShouldContain(rule);
    }

    [Fact]
    public void GetTableClient_64Characters_ThrowsAnd63Accepted()
    {
        var service = new TableServiceClient(_azurite.ConnectionString);

        Should.Throw<ArgumentException>(() => service.GetTableClient("a" + new string('b', 63)));
        service.GetTableClient("a" + new string('b', 62)).Name.Length.ShouldBe(63);
    }
}
