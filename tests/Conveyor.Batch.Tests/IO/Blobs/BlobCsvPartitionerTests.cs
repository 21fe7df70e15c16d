using System.Text;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.IO.Blobs;

public sealed class BlobCsvPartitionerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PartitionAsync_MultiLineQuotedFields_OneToSevenRangesReadEveryRecordOnce()
    {
        var bytes = GenerateCsv(records: 3000, seed: 7);
        var blob = await TestData.UploadAsync(azurite, bytes);
        var full = await ReadRangeAsync(blob, null);
        full.Count.ShouldBe(3000);

        for (var n = 1; n <= 7; n++)
        {
            var ranges = await new BlobCsvPartitioner().PartitionAsync(blob, n, TestContext.Current.CancellationToken);

            ranges.Count.ShouldBe(n);
            ranges[^1].End.ShouldBe(bytes.Length);
            for (var i = 1; i < ranges.Count; i++)
            {
                ranges[i].Start.ShouldBe(ranges[i - 1].End);
            }

            var union = new List<(string, long?)>();
            foreach (var range in ranges)
            {
                union.AddRange(await ReadRangeAsync(blob, range));
            }

            union.OrderBy(r => r.Item1, StringComparer.Ordinal).ShouldBe(full.OrderBy(r => r.Item1, StringComparer.Ordinal), $"{n} partitions");
        }
    }

    [Theory]
    [InlineData("mayweather-tweets.csv", 12118)]
    [InlineData("earthquakes.csv", 7268)]
    public async Task PartitionAsync_RealFile_RangesHoldEveryRecordWithItsLineNumber(string file, int count)
    {
        var blob = await TestData.UploadAsync(azurite, TestData.Bytes(file));
        var full = await ReadRangeAsync(blob, null, TestData.Fields);

        var ranges = await new BlobCsvPartitioner().PartitionAsync(blob, 5, TestContext.Current.CancellationToken);
        var union = new List<(string, long?)>();
        foreach (var range in ranges)
        {
            union.AddRange(await ReadRangeAsync(blob, range, TestData.Fields));
        }

        full.Count.ShouldBe(count);
        union.ShouldBe(full);
    }

    [Fact]
    public async Task PartitionAsync_HeaderOnlyOrTinyFile_ReturnsFewerRanges()
    {
        var headerOnly = await TestData.UploadAsync(azurite, "a,b\n"u8.ToArray());
        var twoRecords = await TestData.UploadAsync(azurite, "a,b\n1,2\n3,4"u8.ToArray());
        var partitioner = new BlobCsvPartitioner();

        (await partitioner.PartitionAsync(headerOnly, 4, TestContext.Current.CancellationToken)).ShouldBeEmpty();
        var ranges = await partitioner.PartitionAsync(twoRecords, 4, TestContext.Current.CancellationToken);

        ranges.ShouldBe([new ByteRange(4, 8) { FirstLineNumber = 2 }, new ByteRange(8, 11) { FirstLineNumber = 3 }]);
    }

    [Fact]
    public async Task PartitionAsync_QuoteInsideUnquotedField_IsText()
    {
        var bytes = "a,b\n1,x\"y\n2,3\n4,5\n"u8.ToArray();

        var ranges = await new BlobCsvPartitioner().PartitionAsync(new MemoryStream(bytes), bytes.Length, 3, TestContext.Current.CancellationToken);

        ranges.Select(r => r.Start).ShouldBe([4L, 10L, 14L]);
    }

    internal static byte[] GenerateCsv(int records, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,note,amount\r\n");
        for (var i = 0; i < records; i++)
        {
            var note = random.Next(4) switch
            {
                0 => "plain",
                1 => "\"line one\nline \"\"two\"\"\n,three\"",
                2 => "\"" + new string('q', random.Next(1, 400)) + "\r\n\"\"\"",
                _ => "\"\"",
            };
            text.Append("id").Append(i).Append(',').Append(note).Append(',').Append(random.Next(1000)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static Task<List<(string, long?)>> ReadRangeAsync(Azure.Storage.Blobs.BlobClient blob, ByteRange? range) =>
        ReadRangeAsync(blob, range, r => [r[0], r[1], r[2]]);

    private static async Task<List<(string, long?)>> ReadRangeAsync(Azure.Storage.Blobs.BlobClient blob, ByteRange? range, Func<CsvRecordView, string[]> map)
    {
        await using var reader = new CsvItemReader<string[]>(blob, map, new CsvItemReaderOptions { Range = range, BufferSize = 32 * 1024 });
        var records = new List<(string, long?)>();
        for (var r = await reader.ReadAsync(TestContext.Current.CancellationToken); r.HasItem; r = await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add((string.Join("\u0001", r.Item), r.LineNumber));
        }

        return records;
    }
}
