using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conveyor.Storage.Tables;
using Conveyor.Testing;

namespace Conveyor.Benchmarks.Storage;

/// <summary>
/// Batch inserts: 20,000 entities in 100-entity transactions over 4 partitions, 4 transactions in flight, with our
/// client and with the official JavaScript SDK (<c>interop/table-bench.js</c>) against the same Azurite.
/// </summary>
/// <remarks>
/// Each side warms up with 10 untimed transactions, then runs 3 times (alternating which goes first) into a fresh table; the median
/// throughput of each is reported, and their ratio (goal: at least 0.9).
/// </remarks>
internal sealed class TableBatchBenchmark : IBenchmarkSuite
{
    private const int Entities = 20_000;
    private const int Partitions = 4;
    private const int Concurrency = 4;
    private const int Repetitions = 3;

    public string Group => "storage";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var service = new TableServiceClient(context.ConnectionString);
        var ours = new List<double>();
        var js = new List<double>();
        for (var run = 0; run < Repetitions; run++)
        {
            // Alternate who goes first, so neither side always meets a fuller emulator.
            if (run % 2 == 0)
            {
                ours.Add(await RunOursAsync(service, cancellationToken));
                js.Add(await RunJsAsync(context.ConnectionString, cancellationToken));
            }
            else
            {
                js.Add(await RunJsAsync(context.ConnectionString, cancellationToken));
                ours.Add(await RunOursAsync(service, cancellationToken));
            }
        }

        var conveyor = Median(ours);
        var jsSdk = Median(js);
        context.Metric("table_batch_insert_eps_conveyor", conveyor, "entities/s");
        context.Metric("table_batch_insert_eps_jssdk", jsSdk, "entities/s");
        context.Metric("table_batch_insert_ratio", conveyor / jsSdk, "x");
    }

    private static async Task<double> RunOursAsync(TableServiceClient service, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient("bench" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        for (var w = 0; w < 10; w++)
        {
            await table.SubmitTransactionAsync(Batch("warmup", w * 100, (w * 100) + 100), cancellationToken);
        }

        var batches = new List<(string Partition, int Start, int End)>();
        var perPartition = (Entities + Partitions - 1) / Partitions;
        for (var p = 0; p < Partitions; p++)
        {
            var count = Math.Min(perPartition, Entities - (p * perPartition));
            for (var start = 0; start < count; start += 100)
            {
                batches.Add(($"p{p}", start, Math.Min(start + 100, count)));
            }
        }

        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var (partition, start, end) = batches[index];
                await table.SubmitTransactionAsync(Batch(partition, start, end), cancellationToken);
            }
        }));
        stopwatch.Stop();
        await table.DeleteAsync(cancellationToken);
        return Entities / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RunJsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = "benchjs" + Guid.NewGuid().ToString("N")[..12];
        var arguments = new[]
        {
            table,
            Entities.ToString(CultureInfo.InvariantCulture),
            Partitions.ToString(CultureInfo.InvariantCulture),
            Concurrency.ToString(CultureInfo.InvariantCulture),
        };
        var output = await NodeScript.RunAsync("interop/table-bench.js", connectionString, arguments, cancellationToken);
        using var json = JsonDocument.Parse(output);
        var milliseconds = json.RootElement.GetProperty("milliseconds").GetDouble();
        await new TableServiceClient(connectionString).DeleteTableAsync(table, cancellationToken);
        return Entities / (milliseconds / 1000);
    }

    private static List<TableTransactionAction> Batch(string partition, int start, int end)
    {
        var when = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var actions = new List<TableTransactionAction>(end - start);
        for (var i = start; i < end; i++)
        {
            var entity = new TableEntity(partition, i.ToString("D8", CultureInfo.InvariantCulture))
            {
                ["Name"] = $"entity {i} of {partition}",
                ["Count"] = i,
                ["Amount"] = i + 0.5,
                ["Total"] = i * 1000L,
                ["When"] = when,
                ["Done"] = i % 2 == 0,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));
        }

        return actions;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
