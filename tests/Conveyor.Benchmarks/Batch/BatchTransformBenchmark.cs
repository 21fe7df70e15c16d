using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.Repository;
using Conveyor.Batch.TestWorker;
using Conveyor.Batch.Tests.Worker;
using CsvHelper;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
namespace Conveyor.Benchmarks.Batch;

/// <summary>
/// A CSV blob-to-blob transform (<see cref="TransformJob"/>, chunks of 1,000, default checkpoint interval) run by two
/// Conveyor.Batch.TestWorker processes with a table repository: 1 partition against a naive loop in the same run
/// (download, parse, map, write, upload), and 4 range partitions (spread over both processes, each running one partition
/// per core) against 1. Each figure is the median of three interleaved runs after a warm-up; the CPU time the emulator,
/// the workers and this process spent in a run shows how many cores it kept busy, which bounds what more partitions
/// can gain on this machine.
/// </summary>
/// <remarks>
/// Rows: <c>CONVEYOR_BENCH_ROWS</c> (default 1,000,000, about 100 MB). <c>CONVEYOR_BENCH_MEMORY_GB</c> (say 1) adds a
/// run of one partition over an input of that size in a fresh single worker and reports the worker's peak working set;
/// it takes minutes, so it is off by default.
/// </remarks>
internal sealed class BatchTransformBenchmark : IBenchmarkSuite
{
    private const int BlockRows = 40_000; // About 4 MB of generated input per staged block.
    private const int WarmupRows = 100_000;
    private const int WarmupRuns = 6;
    private const int Repetitions = 3;

    public string Group => "batch";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var rows = EnvironmentNumber("CONVEYOR_BENCH_ROWS") is { } n and > 0 ? (int)n : 1_000_000;
        var memoryGigabytes = EnvironmentNumber("CONVEYOR_BENCH_MEMORY_GB");
        var blobs = new BlobServiceClient(context.ConnectionString);
        var container = blobs.GetBlobContainerClient("bench" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var inputBytes = await UploadCsvAsync(container.GetBlockBlobClient("input.csv"), rows, cancellationToken);
        await UploadCsvAsync(container.GetBlockBlobClient("warmup.csv"), WarmupRows, cancellationToken);
        context.Metric("batch_input_rows", rows, "rows");
        context.Metric("batch_input_mb", inputBytes / 1e6, "MB");

        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var hubName = "bench" + Guid.NewGuid().ToString("N")[..8];

        // This process starts and watches the jobs; the two worker processes run them.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddConveyor(o =>
            {
                o.ConnectionString = context.ConnectionString;
                o.TaskHubName = hubName;
                o.TablePrefix = prefix;
                o.RunWorker = false;
            })
            .AddJob(TransformJob.Create(blobs));
        using var control = builder.Build();
        await control.StartAsync(cancellationToken);
        var repository = control.Services.GetRequiredService<IJobRepository>();
        var client = control.Services.GetRequiredService<DurableTaskClient>();
        var run = new Runner(control.Services.GetRequiredService<JobLauncher>(), client, repository, container.Name);

        await using (var first = await BatchWorkerProcess.StartAsync([context.ConnectionString, hubName, prefix], cancellationToken))
        await using (var second = await BatchWorkerProcess.StartAsync([context.ConnectionString, hubName, prefix], cancellationToken))
        {
            // Warm-up: the hot paths of both workers reach their optimized JIT tier (a run goes to whichever worker owns
            // the orchestration, so there are several), then connections, tables and partition leases are in place.
            for (var i = 0; i < WarmupRuns; i++)
            {
                await run.ConveyorAsync("warmup.csv", $"warm{i}/", i % 2 == 0 ? 1 : 4, WarmupRows, cancellationToken);
                await RunNaiveAsync(container, "warmup.csv", $"warm-naive{i}.csv", WarmupRows, cancellationToken);
            }

            // Repetitions interleaved, medians reported: one slow run (a GC, a noisy neighbour) moves no figure.
            var cpu = new CpuMeter(context, [first, second]);
            var (naiveRuns, oneRuns, fourRuns) = (new List<Run>(), new List<Run>(), new List<Run>());
            for (var i = 0; i < Repetitions; i++)
            {
                var index = i;
                naiveRuns.Add(await cpu.MeasureAsync(() => RunNaiveAsync(container, "input.csv", $"naive{index}.csv", rows, cancellationToken)));
                oneRuns.Add(await cpu.MeasureAsync(() => run.ConveyorAsync("input.csv", $"one{index}/", 1, rows, cancellationToken)));
                fourRuns.Add(await cpu.MeasureAsync(() => run.ConveyorAsync("input.csv", $"four{index}/", 4, rows, cancellationToken)));
            }

            var (naive, one, four) = (Median(naiveRuns), Median(oneRuns), Median(fourRuns));
            context.Metric("batch_conveyor_seconds", one.Elapsed.TotalSeconds, "s");
            context.Metric("batch_naive_seconds", naive.Elapsed.TotalSeconds, "s");
            context.Metric("batch_ratio_vs_naive", one.Elapsed / naive.Elapsed, "x");
            context.Metric("batch_rows_per_s", rows / one.Elapsed.TotalSeconds, "rows/s");
            context.Metric("batch_conveyor_4_partitions_seconds", four.Elapsed.TotalSeconds, "s");
            context.Metric("batch_speedup_4_partitions", one.Elapsed / four.Elapsed, "x");

            // Where the CPU went (all processes of the run: the emulator, the workers, this process polling or, for the
            // naive loop, working): the cores a 1-partition run keeps busy bound the speed-up of more partitions.
            context.Metric("batch_machine_cores", Environment.ProcessorCount, "cores");
            context.Metric("batch_naive_emulator_cpu_seconds", naive.EmulatorCpuSeconds, "s");
            context.Metric("batch_conveyor_emulator_cpu_seconds", one.EmulatorCpuSeconds, "s");
            context.Metric("batch_conveyor_worker_cpu_seconds", one.WorkerCpuSeconds.Sum(), "s");
            context.Metric("batch_conveyor_cores_busy", one.CoresBusy, "cores");
            context.Metric("batch_conveyor_4_partitions_cores_busy", four.CoresBusy, "cores");
            context.Metric("batch_conveyor_4_partitions_busiest_worker_share", four.BusiestWorkerShare, "fraction");
            context.Metric("batch_worker_peak_working_set_mb", Math.Max(first.PeakWorkingSetMegabytes(), second.PeakWorkingSetMegabytes()), "MB");
        }

        if (memoryGigabytes is > 0)
        {
            var bigRows = (int)(memoryGigabytes.Value * 1e9 / 117);
            var bigBytes = await UploadCsvAsync(container.GetBlockBlobClient("big.csv"), bigRows, cancellationToken);
            await using var worker = await BatchWorkerProcess.StartAsync([context.ConnectionString, hubName, prefix], cancellationToken);
            var elapsed = await run.ConveyorAsync("big.csv", "big/", 1, bigRows, cancellationToken);
            context.Metric("batch_big_input_mb", bigBytes / 1e6, "MB");
            context.Metric("batch_big_seconds", elapsed.TotalSeconds, "s");
            context.Metric("batch_big_rows_per_s", bigRows / elapsed.TotalSeconds, "rows/s");
            context.Metric("batch_big_worker_peak_working_set_mb", worker.PeakWorkingSetMegabytes(), "MB");
        }

        await container.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private static Run Median(List<Run> runs) => runs.OrderBy(r => r.Elapsed).ElementAt(runs.Count / 2);

    private static double? EnvironmentNumber(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task<TimeSpan> RunNaiveAsync(BlobContainerClient container, string input, string output, int rows, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var content = (await container.GetBlobClient(input).DownloadContentAsync(cancellationToken: cancellationToken)).Value.Content;
        using var buffer = new MemoryStream();
        var count = 0;
        using (var reader = CsvReader.Create(content.ToStream(), CsvReaderOptions.Default with { HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true }, false))
        using (var writer = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true))
        {
            writer.WriteHeader([.. TransformJob.OutputHeader]);
            while (reader.Read())
            {
                var row = TransformJob.Map(new TransformJob.InputRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                foreach (var field in TransformJob.Fields(row))
                {
                    writer.WriteField(field);
                }

                writer.EndRecord();
                count++;
            }
        }

        buffer.Position = 0;
        await container.GetBlobClient(output).UploadAsync(buffer, overwrite: true, cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        if (count != rows)
        {
            throw new InvalidOperationException($"naive loop read {count} rows, not {rows}.");
        }

        return elapsed;
    }

    /// <summary>
    /// Stages the CSV a block of rows at a time (never all of it in memory): about 100 bytes a row; every tenth text is
    /// quoted with a comma, a doubled quote and a line break. Returns its length.
    /// </summary>
    private static async Task<long> UploadCsvAsync(BlockBlobClient blob, int rows, CancellationToken cancellationToken)
    {
        var random = new Random(1);
        var ids = new List<string>();
        var length = 0L;
        var text = new StringBuilder(BlockRows * 120).Append("id,name,text\n");
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

            if ((i + 1) % BlockRows == 0 || i == rows - 1)
            {
                var bytes = Encoding.UTF8.GetBytes(text.ToString());
                var id = Convert.ToBase64String(BitConverter.GetBytes((long)ids.Count));
                using (var block = new MemoryStream(bytes, writable: false))
                {
                    await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                }

                ids.Add(id);
                length += bytes.Length;
                text.Clear();
            }
        }

        await blob.CommitBlockListAsync(ids, cancellationToken: cancellationToken);
        return length;
    }

    /// <summary>One measured run: its time and the CPU time each party spent in it.</summary>
    private sealed record Run(TimeSpan Elapsed, double EmulatorCpuSeconds, double[] WorkerCpuSeconds, double BenchmarkCpuSeconds)
    {
        public double CoresBusy => (EmulatorCpuSeconds + WorkerCpuSeconds.Sum() + BenchmarkCpuSeconds) / Elapsed.TotalSeconds;

        /// <summary>Gets the busiest worker's share of the workers' CPU: 0.5 when two share the work evenly, 1 when one did it all.</summary>
        public double BusiestWorkerShare => WorkerCpuSeconds.Max() / WorkerCpuSeconds.Sum();
    }

    private sealed class CpuMeter(BenchmarkContext context, IReadOnlyList<BatchWorkerProcess> workers)
    {
        public async Task<Run> MeasureAsync(Func<Task<TimeSpan>> run)
        {
            var before = Sample();
            var elapsed = await run();
            var after = Sample();
            return new Run(
                elapsed,
                after.Emulator - before.Emulator,
                [.. after.Workers.Zip(before.Workers, (a, b) => a - b)],
                after.Benchmark - before.Benchmark);
        }

        private (double Emulator, double[] Workers, double Benchmark) Sample()
        {
            using var self = Process.GetCurrentProcess();
            return (context.EmulatorCpuSeconds(), [.. workers.Select(w => w.CpuSeconds())], self.TotalProcessorTime.TotalSeconds);
        }
    }

    private sealed class Runner(JobLauncher launcher, DurableTaskClient client, IJobRepository repository, string container)
    {
        public async Task<TimeSpan> ConveyorAsync(string input, string output, int partitions, int rows, CancellationToken cancellationToken)
        {
            var parameters = new JobParameters([
                new("container", new JobParameter(container)),
                new("input", new JobParameter(input)),
                new("output", new JobParameter(output)),
                new("partitions", new JobParameter((long)partitions)),
            ]);
            var clock = Stopwatch.StartNew();
            var execution = await launcher.RunAsync(TransformJob.Name, parameters, cancellationToken);
            var orchestration = await WaitForCompletionAsync(execution.ExecutionId, cancellationToken);
            var elapsed = clock.Elapsed;
            var done = await repository.GetJobExecutionAsync(execution.ExecutionId, cancellationToken);
            if (orchestration.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done?.Status != BatchStatus.Completed)
            {
                throw new InvalidOperationException($"transform ended {orchestration.RuntimeStatus}/{done?.Status}: {orchestration.FailureDetails} {done?.ExitStatus.ExitDescription}");
            }

            var step = await repository.GetStepExecutionAsync(execution.ExecutionId, TransformJob.Name, cancellationToken);
            if (step?.WriteCount != rows)
            {
                throw new InvalidOperationException($"transform wrote {step?.WriteCount} rows, not {rows}.");
            }

            return elapsed;
        }

        /// <summary>Polls every 50 ms: the measurement's resolution, finer than the client's backoff and light on the emulator.</summary>
        private async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (await client.GetInstanceAsync(instanceId, false, cancellationToken) is { IsCompleted: true } state)
                {
                    return state;
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
