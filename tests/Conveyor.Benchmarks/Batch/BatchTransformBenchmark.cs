using System.Diagnostics;
using System.Globalization;
using System.Text;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Conveyor.Storage.Blobs;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Benchmarks.Batch;

/// <summary>
/// A CSV blob-to-blob transform (chunks of 1,000) through Conveyor with one in-process worker and a table repository,
/// against a naive loop in the same run (download, parse, map, write, upload), and 4 range partitions against 1.
/// Rows: <c>CONVEYOR_BENCH_ROWS</c> (default 1,000,000, about 100 MB).
/// </summary>
internal sealed class BatchTransformBenchmark : IBenchmarkSuite
{
    private const int ChunkSize = 1000;
    private static readonly string[] OutputHeader = ["id", "name", "text_length", "text"];

    public string Group => "batch";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CONVEYOR_BENCH_ROWS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;
        var container = new BlobContainerClient(context.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync(cancellationToken);
        var input = GenerateCsv(rows);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(input), cancellationToken: cancellationToken);
        await container.GetBlobClient("warmup.csv").UploadAsync(new BinaryData(GenerateCsv(2 * ChunkSize)), cancellationToken: cancellationToken);
        context.Metric("batch_input_rows", rows, "rows");
        context.Metric("batch_input_mb", input.Length / 1e6, "MB");

        var repository = new TableJobRepository(context.ConnectionString, "bench" + Guid.NewGuid().ToString("N")[..8]);
        await repository.CreateIfNotExistsAsync(cancellationToken);
        var registry = new JobRegistry();
        registry.Add(TransformJob(container));
        await using var services = new ServiceCollection()
            .AddSingleton(registry)
            .AddSingleton<IJobRepository>(repository)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(new BatchOptions()))
            .BuildServiceProvider();
        var hub = new TaskHubOptions { ConnectionString = context.ConnectionString, TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8] };
        var workerOptions = new DurableTaskWorkerOptions { MaxConcurrentActivities = 8, MaxConcurrentOrchestrations = 8, MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        using var worker = new DurableTaskWorker(hub, workerOptions, new DurableTaskRegistry().AddConveyorBatch(), services);
        using var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync(cancellationToken);
        await worker.StartAsync(cancellationToken);
        while (worker.OwnedPartitions.Count < hub.PartitionCount)
        {
            await Task.Delay(50, cancellationToken);
        }

        var launcher = new JobLauncher(registry, repository, client, TimeProvider.System);

        // Warm-up: JIT, connections, tables — both paths.
        await RunConveyorAsync(launcher, client, repository, "warmup.csv", "warm1/", 1, 2 * ChunkSize, cancellationToken);
        await RunConveyorAsync(launcher, client, repository, "warmup.csv", "warm4/", 4, 2 * ChunkSize, cancellationToken);
        await RunNaiveAsync(container, "warmup.csv", "warm-naive.csv", 2 * ChunkSize, cancellationToken);

        var naive = await RunNaiveAsync(container, "input.csv", "naive.csv", rows, cancellationToken);
        var one = await RunConveyorAsync(launcher, client, repository, "input.csv", "one/", 1, rows, cancellationToken);
        var four = await RunConveyorAsync(launcher, client, repository, "input.csv", "four/", 4, rows, cancellationToken);

        context.Metric("batch_conveyor_seconds", one.TotalSeconds, "s");
        context.Metric("batch_naive_seconds", naive.TotalSeconds, "s");
        context.Metric("batch_ratio_vs_naive", one / naive, "x");
        context.Metric("batch_rows_per_s", rows / one.TotalSeconds, "rows/s");
        context.Metric("batch_conveyor_4_partitions_seconds", four.TotalSeconds, "s");
        context.Metric("batch_speedup_4_partitions", one / four, "x");

        await worker.StopAsync(cancellationToken);
        await container.DeleteIfExistsAsync(cancellationToken);
    }

    private static JobDefinition TransformJob(BlobContainerClient container) =>
        new JobBuilder("transform").Start(new StepBuilder("transform").Chunk<InputRow, OutputRow>(ChunkSize)
            .Reader(ctx => new CsvItemReader<InputRow>(
                container.GetBlobClient(ctx.Parameters.GetString("input")!),
                Parse,
                new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(ctx.Partition) }))
            .Processor(_ => new MapProcessor())
            .Writer(ctx => new BlobItemWriter<OutputRow>(
                container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{ctx.Parameters.GetString("output")}part-{ctx.Partition.Index:D3}.csv")),
                new BlobItemWriterOptions<OutputRow> { Header = OutputHeader, CsvFields = Fields }))
            .Partitioner(
                new CsvBlobRangePartitioner((p, _) => container.GetBlobClient(p.GetString("input")!), p => (int)p.GetLong("partitions")!.Value),
                maxParallel: 4)
            .Build()).Build();

    private static InputRow Parse(CsvRecordView record) => new(record.GetString(0), record.GetString(1), record.GetString(2));

    private static OutputRow Map(InputRow row) => new(row.Id, row.Name.ToUpperInvariant(), row.Text.Length, row.Text);

    private static string?[] Fields(OutputRow row) => [row.Id, row.Name, row.TextLength.ToString(CultureInfo.InvariantCulture), row.Text];

    private static async Task<TimeSpan> RunConveyorAsync(
        JobLauncher launcher, DurableTaskClient client, TableJobRepository repository, string input, string output, int partitions, int rows, CancellationToken cancellationToken)
    {
        var parameters = new JobParameters([
            new("input", new JobParameter(input)),
            new("output", new JobParameter(output)),
            new("partitions", new JobParameter((long)partitions)),
        ]);
        var clock = Stopwatch.StartNew();
        var execution = await launcher.RunAsync("transform", parameters, cancellationToken);
        var orchestration = await client.WaitForInstanceCompletionAsync(execution.ExecutionId, false, cancellationToken);
        var elapsed = clock.Elapsed;
        var done = await repository.GetJobExecutionAsync(execution.ExecutionId, cancellationToken);
        if (orchestration.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done?.Status != BatchStatus.Completed)
        {
            throw new InvalidOperationException($"transform ended {orchestration.RuntimeStatus}/{done?.Status}: {orchestration.FailureDetails} {done?.ExitStatus.ExitDescription}");
        }

        var step = await repository.GetStepExecutionAsync(execution.ExecutionId, "transform", cancellationToken);
        if (step?.WriteCount != rows)
        {
            throw new InvalidOperationException($"transform wrote {step?.WriteCount} rows, not {rows}.");
        }

        return elapsed;
    }

    private static async Task<TimeSpan> RunNaiveAsync(BlobContainerClient container, string input, string output, int rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var content = (await container.GetBlobClient(input).DownloadContentAsync(cancellationToken: cancellationToken)).Value.Content;
        using var buffer = new MemoryStream();
        var count = 0;
        using (var reader = CsvReader.Create(content.ToStream(), CsvReaderOptions.Default with { HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true }, false))
        using (var writer = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true))
        {
            writer.WriteHeader(OutputHeader);
            while (reader.Read())
            {
                var row = Map(new InputRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                foreach (var field in Fields(row))
                {
                    writer.WriteField(field);
                }

                writer.EndRecord();
                count++;
            }
        }

        buffer.Position = 0;
        await container.GetBlobClient(output).UploadAsync(buffer, cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        if (count != rows)
        {
            throw new InvalidOperationException($"naive loop read {count} rows, not {rows}.");
        }

        return elapsed;
    }

    /// <summary>About 100 bytes a row; every tenth text is quoted with a comma, a doubled quote and a line break.</summary>
    private static byte[] GenerateCsv(int rows)
    {
        var random = new Random(1);
        var text = new StringBuilder(rows * 104).Append("id,name,text\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",name").Append(random.Next(100_000).ToString(CultureInfo.InvariantCulture)).Append(',');
            if (i % 10 == 0)
            {
                text.Append("\"lorem ipsum, dolor \"\"sit\"\" amet\nconsectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore\"\n");
            }
            else
            {
                text.Append("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ").Append(random.Next(10)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record InputRow(string Id, string Name, string Text);

    private sealed record OutputRow(string Id, string Name, int TextLength, string Text);

    private sealed class MapProcessor : IItemProcessor<InputRow, OutputRow>
    {
        public ValueTask<OutputRow?> ProcessAsync(InputRow item, CancellationToken cancellationToken = default) => ValueTask.FromResult<OutputRow?>(Map(item));
    }
}
