using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Partitioning;

public sealed class PartitionedCsvTests(AzuriteFixture azurite)
{
    private const int Rows = 100_000;

    [Fact]
    public async Task RunAsync_OneAndFourRangePartitions_OutputRowsEqualInputRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("parts"));
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var (bytes, expected) = GenerateCsv(Rows, seed: 42);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: ct);
        var job = TransformJob(container);
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        foreach (var partitions in new[] { 1, 4 })
        {
            var parameters = new JobParameters([
                new("input", new JobParameter("input.csv")),
                new("output", new JobParameter($"out{partitions}/")),
                new("partitions", new JobParameter((long)partitions)),
            ]);
            var done = await host.WaitAsync(await host.Launcher.RunAsync("csv-transform", parameters));

            done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
            var outputs = await container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"out{partitions}/", cancellationToken: ct).Select(b => b.Name).ToListAsync(ct);
            outputs.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, partitions).Select(i => $"out{partitions}/part-{i:D3}.csv"));
            var actual = new List<Row>();
            foreach (var name in outputs)
            {
                actual.AddRange(await ReadAllAsync(container.GetBlobClient(name), ct));
            }

            actual.Count.ShouldBe(Rows, $"{partitions} partitions");
            actual.Order().ShouldBe(expected.Order(), $"{partitions} partitions");
            var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "transform", ct)).ShouldNotBeNull();
            (step.ReadCount, step.WriteCount).ShouldBe((Rows, Rows));
        }
    }

    [Fact]
    public async Task PartitionAsync_CsvRanges_SettingsAreContiguousInvariantNumbers()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("parts"));
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var (bytes, _) = GenerateCsv(2000, seed: 3);
        await container.GetBlobClient("in.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: ct);
        var partitioner = new CsvBlobRangePartitioner((p, _) => container.GetBlobClient(p.GetString("input")!), p => (int)p.GetLong("n")!.Value);

        var specs = await partitioner.PartitionAsync(new JobParameters([new("input", new JobParameter("in.csv")), new("n", new JobParameter(3L))]), EmptyServices.Instance, ct);

        specs.Select(s => (s.Index, s.Count)).ShouldBe([(0, 3), (1, 3), (2, 3)]);
        var ranges = specs.Select(s => CsvBlobRangePartitioner.RangeOf(s).ShouldNotBeNull()).ToList();
        ranges[0].Start.ShouldBe(Encoding.UTF8.GetByteCount("id,name,text\n"));
        ranges[0].FirstLineNumber.ShouldBe(2);
        ranges[1].Start.ShouldBe(ranges[0].End);
        ranges[2].Start.ShouldBe(ranges[1].End);
        ranges[2].End.ShouldBe(bytes.Length);
        specs[2].Get("end").ShouldBe(bytes.Length.ToString(CultureInfo.InvariantCulture));
        CsvBlobRangePartitioner.RangeOf(PartitionSpec.Whole).ShouldBeNull();
    }

    [Fact]
    public async Task PartitionAsync_HeaderOnlyBlob_OneEmptyPartition()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("parts"));
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        await container.GetBlobClient("h.csv").UploadAsync(new BinaryData("id,name,text\n"u8.ToArray()), overwrite: true, cancellationToken: ct);

        var specs = await new CsvBlobRangePartitioner((_, _) => container.GetBlobClient("h.csv"), 4).PartitionAsync(new JobParameters(), EmptyServices.Instance, ct);

        var spec = specs.ShouldHaveSingleItem();
        CsvBlobRangePartitioner.RangeOf(spec).ShouldNotBeNull().Length.ShouldBe(0);
    }

    [Fact]
    public async Task PartitionAsync_BlobPerPartition_OneSpecPerBlobUnderPrefix_InOrdinalOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("parts"));
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        foreach (var name in new[] { "in/b.csv", "in/B.csv", "in/a/1.csv", "other/x.csv", "in/c.csv" })
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData("x\n"u8.ToArray()), overwrite: true, cancellationToken: ct);
        }

        var partitioner = new BlobPerPartitionPartitioner((_, _) => container, "in/");
        var specs = await partitioner.PartitionAsync(new JobParameters(), EmptyServices.Instance, ct);

        specs.Select(s => (s.Index, s.Count, BlobPerPartitionPartitioner.BlobOf(s))).ShouldBe([(0, 4, "in/B.csv"), (1, 4, "in/a/1.csv"), (2, 4, "in/b.csv"), (3, 4, "in/c.csv")]);
        var none = await new BlobPerPartitionPartitioner((_, _) => container, _ => "nothing/").PartitionAsync(new JobParameters(), EmptyServices.Instance, ct);
        BlobPerPartitionPartitioner.BlobOf(none.ShouldHaveSingleItem()).ShouldBeNull();
    }

    private static JobDefinition TransformJob(BlobContainerClient container) =>
        new JobBuilder("csv-transform").Start(new StepBuilder("transform").Chunk<Row, Row>(1000)
            .Reader(ctx => new CsvItemReader<Row>(
                container.GetBlobClient(ctx.Parameters.GetString("input")!),
                r => new Row(r.GetString("id"), r.GetString("name"), r.GetString("text")),
                new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(ctx.Partition) }))
            .Writer(ctx => new BlobItemWriter<Row>(
                container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{ctx.Parameters.GetString("output")}part-{ctx.Partition.Index:D3}.csv")),
                new BlobItemWriterOptions<Row> { Header = ["id", "name", "text"], CsvFields = r => [r.Id, r.Name, r.Text] }))
            .Partitioner(
                new CsvBlobRangePartitioner((p, _) => container.GetBlobClient(p.GetString("input")!), p => (int)p.GetLong("partitions")!.Value),
                maxParallel: 4)
            .Build()).Build();

    private static async Task<List<Row>> ReadAllAsync(BlobClient blob, CancellationToken ct)
    {
        var reader = new CsvItemReader<Row>(blob, r => new Row(r.GetString("id"), r.GetString("name"), r.GetString("text")));
        await using (reader)
        {
            await reader.OpenAsync(new Conveyor.Batch.Item.ExecutionContext(), ct);
            var rows = new List<Row>();
            while (await reader.ReadAsync(ct) is { HasItem: true } result)
            {
                rows.Add(result.Item);
            }

            return rows;
        }
    }

    /// <summary>Writes a CSV with LF record ends; text has quoted commas, doubled quotes and LF/CRLF line breaks in some rows.</summary>
    internal static (byte[] Bytes, List<Row> Rows) GenerateCsv(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        var text = new StringBuilder("id,name,text\n");
        for (var i = 0; i < count; i++)
        {
            var row = new Row(
                i.ToString(CultureInfo.InvariantCulture),
                "name" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
                (random.Next(6)) switch
                {
                    0 => "plain text " + i.ToString(CultureInfo.InvariantCulture),
                    1 => "with, a comma, or two",
                    2 => "she said \"hi\", then \"bye\"",
                    3 => "line one\nline two, \"quoted\"\nline three",
                    4 => "crlf\r\nbreak",
                    _ => string.Empty,
                });
            rows.Add(row);
            text.Append(row.Id).Append(',').Append(row.Name).Append(',').Append(Quote(row.Text)).Append('\n');
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), rows);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    internal sealed record Row(string Id, string Name, string Text) : IComparable<Row>
    {
        public int CompareTo(Row? other) =>
            other is null ? 1
            : string.CompareOrdinal(Id, other.Id) is var c and not 0 ? c
            : string.CompareOrdinal(Name, other.Name) is var d and not 0 ? d
            : string.CompareOrdinal(Text, other.Text);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static EmptyServices Instance { get; } = new();

        public object? GetService(Type serviceType) => null;
    }
}
