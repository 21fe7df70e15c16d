using System.Text.Json;
using System.Text.Json.Nodes;
using Conveyor.Storage.Tables;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Tables;

/// <summary>Wire compatibility with the official JavaScript SDK (@azure/data-tables), through infra/local/interop/table.js.</summary>
public sealed class TableInteropTests
{
    private const string Script = "interop/table.js";
    private static readonly DateTimeOffset When = new DateTimeOffset(2026, 11, 20, 12, 34, 56, TimeSpan.Zero).AddTicks(1234567);
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly byte[] Bytes = [0, 1, 2, 250, 255];

    private readonly AzuriteFixture _azurite;

    public TableInteropTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Property values written by our client and the type and text the JS SDK must read back.</summary>
    public static TheoryData<string, object, string, string> OursToJs => new()
    {
        { "Int32", 42, "Int32", "42" },
        { "Int64", long.MaxValue, "Int64", "9223372036854775807" },
        { "Double", 3.25, "Double", "3.25" },
        { "DoubleNaN", double.NaN, "Double", "NaN" },
        { "Boolean", true, "Boolean", "true" },
        { "DateTime", When, "DateTime", "2026-11-20T12:34:56.1234567Z" },
        { "Guid", Id, "Guid", "0f8fad5b-d9cb-469f-a165-70867728950e" },
        { "Binary", Bytes, "Binary", Convert.ToBase64String(Bytes) },
        { "String", "héllo 'x' \"y\" 日本", "String", "héllo 'x' \"y\" 日本" },
    };

    [Theory]
    [MemberData(nameof(OursToJs))]
    public async Task OursToJs_EachType_JsSdkReadsSameTypeAndValue(string name, object value, string jsType, string jsText)
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { [name] = value };
        await table.AddEntityAsync(entity, Ct);

        var read = await JsReadAsync(table.Name, "p", "r");

        read["properties"]![name]!["type"]!.GetValue<string>().ShouldBe(jsType);
        read["properties"]![name]!["value"]!.GetValue<string>().ShouldBe(jsText);
        read["etag"]!.GetValue<string>().ShouldBe(entity.ETag.ToString());
    }

    [Fact]
    public async Task OursToJs_IntegralDouble_ServiceSendsItAsDouble()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["D"] = 1.0, ["I"] = 1 }, Ct);

        var read = await JsReadAsync(table.Name, "p", "r");

        // JavaScript numbers cannot tell 1.0 from 1, so the SDK's inferred type is not checked; the wire text is.
        var raw = read["raw"]!.GetValue<string>();
        raw.ShouldContain("\"D\":1.0");
        raw.ShouldContain("\"I\":1,");
    }

    /// <summary>Property values (as the JS SDK's EDM objects) written by the JS SDK and what our client must read.</summary>
    public static TheoryData<string, string, object> JsToOurs => new()
    {
        { "Int32", """{ "value": -42, "type": "Int32" }""", -42 },
        { "Int64", """{ "value": "-9223372036854775808", "type": "Int64" }""", long.MinValue },
        { "Double", """{ "value": 2, "type": "Double" }""", 2.0 },
        { "DoubleFraction", """{ "value": 0.1, "type": "Double" }""", 0.1 },
        { "Boolean", """{ "value": false, "type": "Boolean" }""", false },
        { "DateTime", """{ "value": "2026-11-20T12:34:56.1234567Z", "type": "DateTime" }""", When },
        { "Guid", """{ "value": "0f8fad5b-d9cb-469f-a165-70867728950e", "type": "Guid" }""", Id },
        { "Binary", $$"""{ "value": "{{Convert.ToBase64String(Bytes)}}", "type": "Binary" }""", Bytes },
        { "String", """{ "value": "héllo 'x' 日本", "type": "String" }""", "héllo 'x' 日本" },
    };

    [Theory]
    [MemberData(nameof(JsToOurs))]
    public async Task JsToOurs_EachType_OurClientReadsSameTypeAndValue(string name, string jsValue, object expected)
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("js"));
        var input = $$"""{ "partitionKey": "p'1", "rowKey": "r 1", "properties": { "{{name}}": {{jsValue}} } }""";

        var written = JsonNode.Parse(await NodeScript.RunAsync(Script, _azurite.ConnectionString, ["write", table.Name, input], Ct))!;
        var entity = (await table.GetEntityAsync("p'1", "r 1", cancellationToken: Ct)).Value;

        entity[name].ShouldNotBeNull();
        entity[name]!.GetType().ShouldBe(expected.GetType());
        entity[name].ShouldBe(expected);
        entity.ETag.ToString().ShouldBe(written["etag"]!.GetValue<string>());
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("ours"));
        await table.CreateIfNotExistsAsync(Ct);
        return table;
    }

    private async Task<JsonNode> JsReadAsync(string table, string partitionKey, string rowKey)
    {
        var output = await NodeScript.RunAsync(Script, _azurite.ConnectionString, ["read", table, partitionKey, rowKey], Ct);
        return JsonNode.Parse(output, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!;
    }
}
