using Conveyor.Storage.Tables;

namespace Conveyor.Storage.Tests.Tables;

public sealed partial class TableClientTests
{
    public static TheoryData<string, object> Values => new()
    {
        { "Int32Max", int.MaxValue },
        { "Int32Min", int.MinValue },
        { "Int32Zero", 0 },
        { "Int64Max", long.MaxValue },
        { "Int64Min", long.MinValue },
        { "Int64Small", 5L },
        { "DoubleFraction", 0.1 },
        { "DoubleIntegral", 1.0 },
        { "DoubleZero", 0.0 },
        { "DoubleHuge", 1.7976931348623157E+308 },
        { "DoubleTiny", double.Epsilon },
        { "DoubleNegative", -12345.678901234567 },
        { "DoubleNaN", double.NaN },
        { "DoublePositiveInfinity", double.PositiveInfinity },
        { "DoubleNegativeInfinity", double.NegativeInfinity },
        { "True", true },
        { "False", false },
        { "Empty", string.Empty },
        { "Unicode", "ünïcödé 日本語 😀 \"quoted\" 'single' \\ / \n\t line" },
        { "Guid", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") },
        { "Binary", new byte[] { 0, 1, 2, 254, 255 } },
        { "EmptyBinary", Array.Empty<byte>() },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task AddEntityAsync_EveryType_RoundTripsValueAndType(string name, object value)
    {
        var table = await NewTableAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { [name] = value }, Ct);
        var read = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;
        var queried = (await table.QueryAsync(cancellationToken: Ct).ToListAsync(Ct)).Single();

        foreach (var entity in new[] { read, queried })
        {
            entity[name].ShouldNotBeNull();
            entity[name]!.GetType().ShouldBe(value.GetType());
            entity[name].ShouldBe(value);
        }
    }

    [Fact]
    public async Task AddEntityAsync_DateTimes_RoundTripWithTickPrecisionAsUtc()
    {
        var table = await NewTableAsync();
        var offset = new DateTimeOffset(2026, 11, 20, 13, 14, 15, TimeSpan.FromHours(2)).AddTicks(1234567);
        var utc = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999999);
        var local = new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Local).AddTicks(1);
        var minimum = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Offset"] = offset, ["Utc"] = utc, ["Local"] = local, ["Min"] = minimum }, Ct);
        var read = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        read["Offset"].ShouldBeOfType<DateTimeOffset>();
        read.GetDateTimeOffset("Offset").ShouldBe(offset);
        read.GetDateTimeOffset("Offset")!.Value.Offset.ShouldBe(TimeSpan.Zero);
        read.GetDateTime("Utc").ShouldBe(utc);
        read.GetDateTime("Utc")!.Value.Kind.ShouldBe(DateTimeKind.Utc);
        read.GetDateTime("Local").ShouldBe(local.ToUniversalTime());
        read.GetDateTimeOffset("Min").ShouldBe(minimum);
    }

    [Fact]
    public async Task AddEntityAsync_BinaryDataAndEnum_ReadBackAsBytesAndString()
    {
        var table = await NewTableAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Data"] = BinaryData.FromString("hello"), ["Mode"] = TableUpdateMode.Replace }, Ct);
        var read = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        read.GetBinaryData("Data")!.ToString().ShouldBe("hello");
        read.GetBinary("Data").ShouldBe("hello"u8.ToArray());
        read.GetString("Mode").ShouldBe("Replace");
    }

    [Fact]
    public async Task AddEntityAsync_NullValue_IsNotStored()
    {
        var table = await NewTableAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Nothing"] = null, ["Something"] = 1 }, Ct);
        var read = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        read.ContainsKey("Nothing").ShouldBeFalse();
        read.GetInt32("Something").ShouldBe(1);
    }

    [Fact]
    public async Task AddEntityAsync_LargestAllowedValues_AreAccepted()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "r") { ["Text"] = new string('x', 32 * 1024), ["Bytes"] = new byte[64 * 1024] };

        await table.AddEntityAsync(entity, Ct);
        var read = (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).Value;

        read.GetString("Text")!.Length.ShouldBe(32 * 1024);
        read.GetBinary("Bytes")!.Length.ShouldBe(64 * 1024);
    }
}
