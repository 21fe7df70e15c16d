using Conveyor.Storage.Tables;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Tables;

/// <summary>Limits are checked before sending: the table is never created, so a request would fail with 404, not ArgumentException.</summary>
public sealed class TableLimitsTests
{
    private readonly TableClient _table;

    public TableLimitsTests(AzuriteFixture azurite)
    {
        _table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("limits"));
    }

    public static TheoryData<string, string, string> BadKeys => new()
    {
        { "a/b", "r", "'/'" },
        { "p", "a\\b", "'\\'" },
        { "a#b", "r", "'#'" },
        { "p", "a?b", "'?'" },
        { "a\u0001b", "r", "U+0001" },
        { "p", "a\u007fb", "U+007F" },
        { new string('k', 513), "r", "512" },
        { "p", new string('k', 513), "512" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task EntityOperations_InvalidKey_ThrowArgumentExceptionNamingTheRule(string partitionKey, string rowKey, string rule)
    {
        var ct = TestContext.Current.CancellationToken;
        var entity = new TableEntity(partitionKey, rowKey);

        (await Should.ThrowAsync<ArgumentException>(() => _table.AddEntityAsync(entity, ct))).Message.ShouldContain(rule);
        (await Should.ThrowAsync<ArgumentException>(() => _table.UpsertEntityAsync(entity, cancellationToken: ct))).Message.ShouldContain(rule);
        (await Should.ThrowAsync<ArgumentException>(() => _table.GetEntityAsync(partitionKey, rowKey, cancellationToken: ct))).Message.ShouldContain(rule);
        (await Should.ThrowAsync<ArgumentException>(() => _table.DeleteEntityAsync(partitionKey, rowKey, cancellationToken: ct))).Message.ShouldContain(rule);
        (await Should.ThrowAsync<ArgumentException>(() => _table.SubmitTransactionAsync([new(TableTransactionActionType.Delete, entity)], ct))).Message.ShouldContain(rule);
    }

    [Fact]
    public async Task AddEntityAsync_KeyOf512Characters_PassesValidation()
    {
        var error = await Should.ThrowAsync<Azure.RequestFailedException>(() => _table.AddEntityAsync(new TableEntity(new string('k', 512), new string('r', 512)), TestContext.Current.CancellationToken));

        error.Status.ShouldBe(404);
    }

    public static TheoryData<string, object?, string> BadProperties => new()
    {
        { "1abc", 1, "start with a letter" },
        { "a-b", 1, "letters, digits" },
        { new string('n', 256), 1, "255" },
        { "Text", new string('x', 32 * 1024 + 1), "32768" },
        { "Bytes", new byte[64 * 1024 + 1], "64 KiB" },
        { "Decimal", 1.5m, "Decimal" },
        { "Uri", new Uri("http://x"), "Uri" },
    };

    [Theory]
    [MemberData(nameof(BadProperties))]
    public async Task AddEntityAsync_InvalidProperty_ThrowsArgumentExceptionNamingTheRule(string name, object? value, string rule)
    {
        var entity = new TableEntity("p", "r") { [name] = value };

        var error = await Should.ThrowAsync<ArgumentException>(() => _table.AddEntityAsync(entity, TestContext.Current.CancellationToken));

        error.Message.ShouldContain(rule);
    }

    [Fact]
    public async Task AddEntityAsync_253CustomProperties_ThrowsAnd252PassValidation()
    {
        var ct = TestContext.Current.CancellationToken;
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 252; i++)
        {
            entity[$"P{i}"] = i;
        }

        (await Should.ThrowAsync<Azure.RequestFailedException>(() => _table.AddEntityAsync(entity, ct))).Status.ShouldBe(404);
        entity["P252"] = 252;
        (await Should.ThrowAsync<ArgumentException>(() => _table.AddEntityAsync(entity, ct))).Message.ShouldContain("252");
    }

    [Fact]
    public async Task AddEntityAsync_Over1MiB_ThrowsArgumentException()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"B{i}"] = new byte[64 * 1024];
        }

        var error = await Should.ThrowAsync<ArgumentException>(() => _table.AddEntityAsync(entity, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("1 MiB");
    }
}
