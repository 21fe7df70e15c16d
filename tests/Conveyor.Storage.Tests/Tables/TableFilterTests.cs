using Conveyor.Storage.Tables;

namespace Conveyor.Storage.Tests.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Create_String_QuotesAndDoublesQuotes()
    {
        var value = "x' or PartitionKey ne '";

        TableFilter.Create($"PartitionKey eq {value}").ShouldBe("PartitionKey eq 'x'' or PartitionKey ne '''");
    }

    [Fact]
    public void Create_EveryType_FormatsTypedLiterals()
    {
        var when = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(5);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        TableClient.CreateQueryFilter($"A eq {5L} and B eq {7} and C eq {1.0} and D eq {0.25} and E eq {true} and F eq {false}")
            .ShouldBe("A eq 5L and B eq 7 and C eq 1.0 and D eq 0.25 and E eq true and F eq false");
        TableClient.CreateQueryFilter($"T eq {when} and U eq {new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)}")
            .ShouldBe("T eq datetime'2026-11-20T09:00:00.0000005Z' and U eq datetime'2026-01-01T00:00:00.0000000Z'");
        TableClient.CreateQueryFilter($"G eq {id} and X eq {new byte[] { 0x0a, 0xff }} and Y eq {BinaryData.FromBytes([1])}")
            .ShouldBe("G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and X eq X'0aff' and Y eq X'01'");
        TableClient.CreateQueryFilter($"M eq {TableUpdateMode.Merge} and N eq {(string?)null} and L eq {-1L}")
            .ShouldBe("M eq 'Merge' and N eq null and L eq -1L");
    }

    [Fact]
    public void Create_NonInvariantCulture_StillUsesInvariantNumbers()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            TableFilter.Create($"D eq {1.5}").ShouldBe("D eq 1.5");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
