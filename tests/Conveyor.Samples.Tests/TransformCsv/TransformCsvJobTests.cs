using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Csv;
using Conveyor.Samples.TransformCsv;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Samples.Tests.TransformCsv;

public sealed class TransformCsvJobTests(AzuriteFixture azurite)
{
    private const int Rows = 20_000;

    [Fact]
    public async Task Run_OneAndFourPartitions_SameOutputRows_SameSkippedLines()
    {
        var (csv, expected, badLines) = GenerateTrades(Rows, seed: 7, badRows: [10, 15_000]);
        var options = SampleTestHost.NewOptions(azurite);
        await SampleBlobs.UploadAsync(options, "transform/trades.csv", csv);
        await using var host = await SampleTestHost.StartAsync(azurite, options);
        var outputs = new Dictionary<int, List<Priced>>();

        foreach (var (partitions, output) in new[] { (1, "out1/"), (4, "out4") })
        {
            var done = await host.RunAsync(TransformCsvJob.Name, new JobParameters(
            [
                new(TransformCsvJob.InputParameter, new JobParameter("transform/trades.csv")),
                new(TransformCsvJob.OutputParameter, new JobParameter(output)),
                new(TransformCsvJob.PartitionsParameter, new JobParameter((long)partitions)),
            ]));

            done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
            var step = await host.StepAsync(done, "transform");
            (step.ReadCount, step.ReadSkipCount, step.WriteCount).ShouldBe((Rows - 2L, 2L, Rows - 2L), $"{partitions} partitions");
            (await host.SkipsAsync(done)).Select(s => s.LineNumber).Order().ShouldBe(badLines.Select(l => (long?)l), $"{partitions} partitions");
            var names = await SampleBlobs.ResultNamesAsync(options, output.TrimEnd('/') + "/");
            names.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, partitions).Select(i => $"{output.TrimEnd('/')}/part-{i:D3}.csv"));
            outputs[partitions] = await ReadOutputsAsync(options, names);
        }

        outputs[1].Order().ShouldBe(expected.Order());
        outputs[4].Order().ShouldBe(outputs[1].Order());
    }

    [Theory]
    [InlineData("transform/trades.csv", null, "transform/trades/")]
    [InlineData("transform/trades", null, "transform/trades/")]
    [InlineData("transform/trades.csv", "out", "out/")]
    [InlineData("transform/trades.csv", "out/x/", "out/x/")]
    public void OutputOf_GivenOrDefault_EndsWithSlash(string input, string? output, string expected)
    {
        var parameters = new JobParameters([new(TransformCsvJob.InputParameter, new JobParameter(input))]);
        if (output is not null)
        {
            parameters = parameters.With(TransformCsvJob.OutputParameter, new JobParameter(output));
        }

        TransformCsvJob.OutputOf(parameters).ShouldBe(expected);
    }

    private static async Task<List<Priced>> ReadOutputsAsync(SampleJobsOptions options, IEnumerable<string> names)
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(options.ConnectionString, options.ResultsContainer);
        var rows = new List<Priced>();
        foreach (var name in names)
        {
            await using var reader = new CsvItemReader<Priced>(container.GetBlobClient(name), r => new Priced(r["isin"], r["quantity"], r["price"], r["customer"], r["amount"]));
            await reader.OpenAsync(new ExecutionContext(), ct);
            while (await reader.ReadAsync(ct) is { HasItem: true } read)
            {
                rows.Add(read.Item);
            }
        }

        return rows;
    }

    /// <summary>
    /// A trades CSV with a header; some customers are quoted with commas, doubled quotes and line breaks. The rows at
    /// the indexes in <paramref name="badRows"/> have a quantity that is not a number.
    /// </summary>
    private static (byte[] Csv, List<Priced> Expected, List<long> BadLines) GenerateTrades(int count, int seed, int[] badRows)
    {
        var random = new Random(seed);
        var text = new StringBuilder("isin,quantity,price,customer\n");
        var expected = new List<Priced>();
        var badLines = new List<long>();
        var line = 2L;
        for (var i = 0; i < count; i++)
        {
            var isin = "UK" + i.ToString("D10", CultureInfo.InvariantCulture);
            var quantity = random.Next(1, 1000);
            var price = random.Next(1, 100_000) / 100m;
            var customer = random.Next(5) switch
            {
                0 => "customer, \"vip\"",
                1 => "two\nlines",
                _ => "customer" + random.Next(100).ToString(CultureInfo.InvariantCulture),
            };
            var bad = badRows.Contains(i);
            text.Append(isin).Append(',').Append(bad ? "lots" : quantity.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(price.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(customer)).Append('\n');
            if (bad)
            {
                badLines.Add(line);
            }
            else
            {
                expected.Add(new Priced(
                    isin,
                    quantity.ToString(CultureInfo.InvariantCulture),
                    price.ToString(CultureInfo.InvariantCulture),
                    customer.ToUpperInvariant(),
                    (quantity * price).ToString(CultureInfo.InvariantCulture)));
            }

            line += 1 + customer.Count(c => c == '\n');
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), expected, badLines);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private sealed record Priced(string Isin, string Quantity, string Price, string Customer, string Amount) : IComparable<Priced>
    {
        public int CompareTo(Priced? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());
    }
}
