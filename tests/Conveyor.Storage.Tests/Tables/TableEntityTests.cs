using Conveyor.Storage.Tables;

namespace Conveyor.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Getters_Absent_ReturnNull()
    {
        var entity = new TableEntity("p", "r");

        entity.GetString("x").ShouldBeNull();
        entity.GetInt32("x").ShouldBeNull();
        entity.GetInt64("x").ShouldBeNull();
        entity.GetDouble("x").ShouldBeNull();
        entity.GetBoolean("x").ShouldBeNull();
        entity.GetDateTimeOffset("x").ShouldBeNull();
        entity.GetDateTime("x").ShouldBeNull();
        entity.GetGuid("x").ShouldBeNull();
        entity.GetBinary("x").ShouldBeNull();
        entity.GetBinaryData("x").ShouldBeNull();
        entity["x"].ShouldBeNull();
    }

    [Fact]
    public void Getters_CompatibleTypes_Convert()
    {
        var when = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var entity = new TableEntity("p", "r")
        {
            ["I"] = 5,
            ["L"] = 6L,
            ["Big"] = long.MaxValue,
            ["T"] = when,
            ["G"] = "0f8fad5b-d9cb-469f-a165-70867728950e",
            ["B"] = new byte[] { 1 },
            ["E"] = TableUpdateMode.Replace,
        };

        entity.GetInt64("I").ShouldBe(5L);
        entity.GetInt32("L").ShouldBe(6);
        entity.GetDouble("I").ShouldBe(5.0);
        entity.GetDouble("L").ShouldBe(6.0);
        entity.GetDateTimeOffset("T").ShouldBe(new DateTimeOffset(when, TimeSpan.Zero));
        entity.GetGuid("G").ShouldBe(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
        entity.GetBinaryData("B")!.ToArray().ShouldBe(new byte[] { 1 });
        entity.GetString("E").ShouldBe("Replace");
        Should.Throw<InvalidOperationException>(() => entity.GetInt32("Big")).Message.ShouldContain("'Big'");
    }

    [Theory]
    [InlineData("S")]
    [InlineData("D")]
    public void Getters_IncompatibleType_ThrowInvalidOperationNamingTheProperty(string key)
    {
        var entity = new TableEntity("p", "r") { ["S"] = "text", ["D"] = 1.5 };

        var errors = new[]
        {
            Should.Throw<InvalidOperationException>(() => entity.GetInt32(key)),
            Should.Throw<InvalidOperationException>(() => entity.GetInt64(key)),
            Should.Throw<InvalidOperationException>(() => entity.GetBoolean(key)),
            Should.Throw<InvalidOperationException>(() => entity.GetDateTime(key)),
            Should.Throw<InvalidOperationException>(() => entity.GetBinary(key)),
        };

        errors.ShouldAllBe(e => e.Message.Contains($"'{key}'"));
    }

    [Fact]
    public void Keys_AreDictionaryEntriesAndETagIsNot()
    {
        var entity = new TableEntity("p", "r") { ETag = new Azure.ETag("W/\"x\"") };

        entity.Keys.ShouldBe(["PartitionKey", "RowKey"]);
        entity["PartitionKey"].ShouldBe("p");
        new TableEntity().PartitionKey.ShouldBe(string.Empty);
    }
}
