using System.Text;
using System.Text.Json;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Csv;
using Conveyor.Testing;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO.Csv;

public sealed class CsvItemReaderTests(AzuriteFixture azurite)
{
    public static TheoryData<string> SpectrumFiles() =>
    [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ];

    [Theory]
    [MemberData(nameof(SpectrumFiles))]
    public async Task ReadAsync_CsvSpectrumFile_MatchesExpectedJson(string file)
    {
        var expected = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(
            File.ReadAllText(TestData.PathOf($"csv-spectrum/{file}.json")))!;
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes($"csv-spectrum/{file}.csv"));
        await using var reader = new CsvItemReader<Dictionary<string, string>>(
            blob, r => r.Headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => r[p.i]));

        var (items, bad) = await TestData.ReadAllAsync(reader);

        bad.ShouldBeEmpty();
        items.Count.ShouldBe(expected.Count);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].ShouldBe(expected[i], ignoreOrder: true);
        }
    }

    [Theory]
    [InlineData("earthquakes.csv", 7268, 15)]
    [InlineData("mayweather-tweets.csv", 12118, 7)]
    public async Task ReadAsync_RealFileWithQuotedNewlines_ReadsEveryRecordLikeAnIndependentParse(string file, int count, int fields)
    {
        var bytes = TestData.Bytes(file);
        var blob = await TestData.UploadAsync(azurite, bytes);
        await using var reader = new CsvItemReader<string[]>(blob, TestData.Fields, new CsvItemReaderOptions { BufferSize = 256 * 1024 });

        var (items, bad) = await TestData.ReadAllAsync(reader);

        bad.ShouldBeEmpty();
        items.Count.ShouldBe(count);
        items.ShouldAllBe(f => f.Length == fields);
        using var independent = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ',' });
        var index = 0;
        while (independent.Read())
        {
            independent.Current.ToArray().ShouldBe(items[index++]);
        }

        index.ShouldBe(count);
        reader.BytesRead.ShouldBe(bytes.Length);
        reader.BytesTotal.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task ReadAsync_FootballBadRecords_ThrowsWithLineNumbersAndContinues()
    {
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes("player-containsBadRecords.csv"));
        var options = new CsvItemReaderOptions
        {
            HasHeaderRow = false,
            ColumnNames = ["ID", "lastName", "firstName", "position", "birthYear", "debutYear"],
        };
        await using var reader = new CsvItemReader<(string Id, int Debut)>(blob, r => (r["ID"], r.Parse<int>("debutYear")), options);

        var (items, bad) = await TestData.ReadAllAsync(reader);

        bad.Select(b => b.LineNumber).ShouldBe([7L, 9L, 11L, 17L]);
        bad[0].Record.ShouldBe("AdamCu00,Adams,Curtis,rb,1962");
        bad[0].Reason.ShouldContain("5 fields where 6 were expected");
        bad[3].Record.ShouldBe("AddaJo00,Addai,Joseph,1983,2006,rb");
        bad[3].InnerException.ShouldNotBeNull();
        items.Count.ShouldBe(16);
        items[^1].Id.ShouldBe("AdkiSa00");
    }

    [Fact]
    public async Task ReadAsync_ValueThatDoesNotParse_ThrowsMalformedWithCauseAndContinues()
    {
        var bytes = Encoding.UTF8.GetBytes("name,qty\na,1\n\"b\nb\",x\nc,3\n");
        await using var reader = new CsvItemReader<int>(new MemoryStream(bytes), r => r.Parse<int>("qty"));

        var first = await reader.ReadAsync(TestContext.Current.CancellationToken);
        var error = await Should.ThrowAsync<MalformedRecordException>(() => reader.ReadAsync(TestContext.Current.CancellationToken).AsTask());
        var third = await reader.ReadAsync(TestContext.Current.CancellationToken);

        first.Item.ShouldBe(1);
        error.LineNumber.ShouldBe(3);
        error.Record.ShouldBe("\"b\nb\",x");
        error.InnerException.ShouldNotBeNull();
        third.Item.ShouldBe(3);
        third.LineNumber.ShouldBe(5);
    }

    [Fact]
    public async Task ReadAsync_BrokenQuoting_ThrowsMalformed()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,\"x\"y\n2,3\n");
        await using var reader = new CsvItemReader<string>(new MemoryStream(bytes), r => r["b"]);

        var (items, bad) = await TestData.ReadAllAsync(reader);

        items.ShouldBe(["3"]);
        bad.ShouldHaveSingleItem().LineNumber.ShouldBe(2);
        bad[0].Reason.ShouldContain("closing quote");
    }

    [Fact]
    public async Task ReadAsync_LongBadRecord_KeepsThousandCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1," + new string('x', 5000) + ",extra\n");
        await using var reader = new CsvItemReader<string>(new MemoryStream(bytes), r => r["a"]);

        var (_, bad) = await TestData.ReadAllAsync(reader);

        bad.ShouldHaveSingleItem().Record.ShouldNotBeNull().Length.ShouldBe(MalformedRecordException.MaxRecordLength + 1);
    }

    [Fact]
    public async Task ReadAsync_BomSemicolonsAndLineNumbers_ReadsFirstLineOfEachRecord()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFid;text\r\n1;\"two\r\nlines; here\"\r\n\r\n2;plain\r\n3;\"a \"\"quoted\"\" word\"");
        await using var reader = new CsvItemReader<(string Id, string Text)>(
            new MemoryStream(bytes), r => (r["id"], r["text"]), new CsvItemReaderOptions { Delimiter = ';' });

        var results = new List<(string, string, long?)>();
        for (var r = await reader.ReadAsync(TestContext.Current.CancellationToken); r.HasItem; r = await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            results.Add((r.Item.Id, r.Item.Text, r.LineNumber));
        }

        results.ShouldBe([("1", "two\r\nlines; here", 2L), ("2", "plain", 5L), ("3", "a \"quoted\" word", 6L)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(7267)]
    [InlineData(7268)]
    public async Task OpenAsync_SavedContextAfterKRecords_ContinuesWithRecordKPlusOne(int k)
    {
        var bytes = TestData.Bytes("earthquakes.csv");
        var blob = await TestData.UploadAsync(azurite, bytes);
        var options = new CsvItemReaderOptions { Name = "quakes", BufferSize = 64 * 1024 };
        List<(string Id, long? Line)> all;
        await using (var full = new CsvItemReader<string>(blob, r => r["id"], options))
        {
            all = [];
            for (var r = await full.ReadAsync(TestContext.Current.CancellationToken); r.HasItem; r = await full.ReadAsync(TestContext.Current.CancellationToken))
            {
                all.Add((r.Item, r.LineNumber));
            }
        }

        var context = new ExecutionContext();
        await using (var first = new CsvItemReader<string>(blob, r => r["id"], options))
        {
            await first.OpenAsync(context, TestContext.Current.CancellationToken);
            for (var i = 0; i < k; i++)
            {
                (await first.ReadAsync(TestContext.Current.CancellationToken)).HasItem.ShouldBeTrue();
            }

            await first.UpdateAsync(context, TestContext.Current.CancellationToken);
        }

        var saved = ExecutionContext.FromJson(context.ToJson());
        await using var second = new CsvItemReader<string>(blob, r => r["id"], options);
        await second.OpenAsync(saved, TestContext.Current.CancellationToken);
        var rest = new List<(string, long?)>();
        for (var r = await second.ReadAsync(TestContext.Current.CancellationToken); r.HasItem; r = await second.ReadAsync(TestContext.Current.CancellationToken))
        {
            rest.Add((r.Item, r.LineNumber));
        }

        rest.ShouldBe(all.Skip(k).ToList());
        second.RecordCount.ShouldBe(7268);
        saved.Get<long>("quakes.count").ShouldBe(k);
        if (k is > 0 and < 7268)
        {
            saved.Get<long>("quakes.offset").ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task OpenAsync_SavedContextAfterBadRecord_DoesNotReportItAgain()
    {
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes("player-containsBadRecords.csv"));
        var options = new CsvItemReaderOptions { HasHeaderRow = false };
        var context = new ExecutionContext();
        await using (var first = new CsvItemReader<string>(blob, r => r[0], options))
        {
            await first.OpenAsync(context, TestContext.Current.CancellationToken);
            var (items, bad) = await TestData.ReadAllAsync(first, limit: 7);
            bad.ShouldHaveSingleItem().LineNumber.ShouldBe(7);
            await first.UpdateAsync(context, TestContext.Current.CancellationToken);
        }

        await using var second = new CsvItemReader<string>(blob, r => r[0], options);
        await second.OpenAsync(context, TestContext.Current.CancellationToken);
        var next = await second.ReadAsync(TestContext.Current.CancellationToken);

        next.Item.ShouldBe("AdamGe00");
        next.LineNumber.ShouldBe(8);
    }

    [Fact]
    public async Task ReadAsync_NonSeekableStream_ReadsFromStartButCannotResume()
    {
        var bytes = Encoding.UTF8.GetBytes("a\n1\n2\n");
        await using var reader = new CsvItemReader<string>(new ForwardOnlyStream(bytes), r => r["a"]);

        var (items, _) = await TestData.ReadAllAsync(reader);

        items.ShouldBe(["1", "2"]);
        var context = new ExecutionContext();
        context.Put("csvItemReader.offset", 4L);
        await using var resumed = new CsvItemReader<string>(new ForwardOnlyStream(bytes), r => r["a"]);
        await Should.ThrowAsync<NotSupportedException>(() => resumed.OpenAsync(context, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new CsvItemReaderOptions { Name = " ", Delimiter = '\n', ColumnNames = [] };

        var error = Should.Throw<ArgumentException>(() => new CsvItemReader<string>(new MemoryStream(), r => r[0], options));

        error.Message.ShouldContain("Name");
        error.Message.ShouldContain("Delimiter");
        error.Message.ShouldContain("ColumnNames");
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
