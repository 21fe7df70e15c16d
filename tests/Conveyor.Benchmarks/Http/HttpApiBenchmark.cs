extern alias functions;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Conveyor.Benchmarks.Http;

/// <summary>
/// The HTTP API under load: the app in-process on Kestrel (with its durable worker) against this run's Azurite;
/// <c>CONVEYOR_BENCH_HTTP_CLIENTS</c> clients (default 50) start a trivial job with unique parameters for
/// <c>CONVEYOR_BENCH_HTTP_SECONDS</c> (default 30), then query the status of the started executions for a third of that.
/// <c>CONVEYOR_BENCH_HTTP_WORKER=0</c> runs the app without its worker (jobs are only started), to tell the cost of
/// starting from the cost of running the started jobs on the same storage.
/// </summary>
/// <remarks>
/// The floor, measured first in the same run: the same clients each sending one table insert straight to the emulator
/// in a loop. A start that is durable before its 202 writes to storage at least once, so its latency under this load
/// cannot be below that of one storage operation.
/// </remarks>
internal sealed class HttpApiBenchmark : IBenchmarkSuite
{
    private const string JobName = "benchTrivial";
    private const string Key = "bench-function-key";

    public string Group => "http";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var clients = Setting("CONVEYOR_BENCH_HTTP_CLIENTS", 50);
        var seconds = Setting("CONVEYOR_BENCH_HTTP_SECONDS", 30);
        var floor = await StorageFloorAsync(context.ConnectionString, clients, cancellationToken);
        Report(context, "http_floor_table_insert", floor, clients);

        var port = FreePort();
        await using var app = new BenchmarkApp(context.ConnectionString, port);
        app.UseKestrel(port);
        app.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Add("x-functions-key", Key);

        // Warm-up: JIT, connections, tables.
        var ids = new ConcurrentBag<string>();
        await RunAsync(clients, TimeSpan.FromSeconds(3), () => StartAsync(http, ids, cancellationToken), cancellationToken);

        var start = await RunAsync(clients, TimeSpan.FromSeconds(seconds), () => StartAsync(http, ids, cancellationToken), cancellationToken);
        Report(context, "http_start", start, clients);
        context.Metric("http_start_p99_vs_floor_p99", Percentile(start.Latencies, 0.99) / Percentile(floor.Latencies, 0.99), "x");

        var known = ids.ToArray();
        var status = await RunAsync(clients, TimeSpan.FromSeconds(Math.Max(5, seconds / 3)), () => StatusAsync(http, known, cancellationToken), cancellationToken);
        Report(context, "http_status", status, clients);
        context.Metric("http_jobs_completed", await CompletedAsync(http, cancellationToken), "jobs");
        context.Metric("http_jobs_started", known.Length, "jobs");
    }

    /// <summary>One table insert per request, <paramref name="clients"/> at once, for 10 s (after a 2 s warm-up).</summary>
    private static async Task<LoadResult> StorageFloorAsync(string connectionString, int clients, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "benchfloor" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        Task<bool> InsertAsync() => Insert(table, cancellationToken);
        await RunAsync(clients, TimeSpan.FromSeconds(2), InsertAsync, cancellationToken);
        var result = await RunAsync(clients, TimeSpan.FromSeconds(10), InsertAsync, cancellationToken);
        await table.DeleteAsync(cancellationToken);
        return result;

        static async Task<bool> Insert(TableClient table, CancellationToken cancellationToken)
        {
            var entity = new TableEntity("floor", Guid.NewGuid().ToString("N")) { ["Run"] = Guid.NewGuid().ToString("N") };
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
    }

    private static async Task<bool> StartAsync(HttpClient http, ConcurrentBag<string> ids, CancellationToken cancellationToken)
    {
        var body = $$$"""{"parameters": {"run": "{{{Guid.NewGuid():N}}}"}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"/api/jobs/{JobName}", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return false;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        ids.Add(document.RootElement.GetProperty("id").GetString()!);
        return true;
    }

    private static async Task<bool> StatusAsync(HttpClient http, string[] ids, CancellationToken cancellationToken)
    {
        var id = ids[Random.Shared.Next(ids.Length)];
        using var response = await http.GetAsync(new Uri($"/api/executions/{id}", UriKind.Relative), cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted;
    }

    private static async Task<long> CompletedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        long completed = 0;
        string? token = null;
        do
        {
            var uri = $"/api/executions?job={JobName}&status=COMPLETED&top=1000" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(uri, UriKind.Relative), cancellationToken));
            completed += document.RootElement.GetProperty("items").GetArrayLength();
            token = document.RootElement.GetProperty("continuationToken").GetString();
        }
        while (token is not null);
        return completed;
    }

    /// <summary>Runs <paramref name="request"/> in a loop on <paramref name="clients"/> tasks for <paramref name="duration"/>.</summary>
    private static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, Func<Task<bool>> request, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    bool ok;
                    try
                    {
                        ok = await request();
                    }
                    catch (HttpRequestException)
                    {
                        ok = false;
                    }
                    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        ok = false;
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            },
            cancellationToken)));
        return new LoadResult([.. latencies.Order()], errors, clock.Elapsed);
    }

    private static void Report(BenchmarkContext context, string name, LoadResult result, int clients)
    {
        context.Metric($"{name}_p50_ms", Percentile(result.Latencies, 0.50), "ms");
        context.Metric($"{name}_p99_ms", Percentile(result.Latencies, 0.99), "ms");
        context.Metric($"{name}_max_ms", result.Latencies.Length > 0 ? result.Latencies[^1] : 0, "ms");
        context.Metric($"{name}_requests_per_s", result.Latencies.Length / result.Elapsed.TotalSeconds, "req/s");
        context.Metric($"{name}_errors", result.Errors, "errors");
        context.Metric($"{name}_clients", clients, "clients");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record LoadResult(double[] Latencies, int Errors, TimeSpan Elapsed);

    /// <summary>The app with the trivial job, on task hub and tables of its own.</summary>
    private sealed class BenchmarkApp(string connectionString, int port) : WebApplicationFactory<functions::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var name = "bench" + Guid.NewGuid().ToString("N")[..8];
            builder.UseEnvironment("Production");

            // The app has no content files; the factory's guess of its source folder does not hold for this project.
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.UseSetting("urls", $"http://127.0.0.1:{port}");
            builder.UseSetting("AzureWebJobsStorage", connectionString);
            builder.UseSetting("Conveyor:TaskHubName", name);
            builder.UseSetting("Conveyor:TablePrefix", name);
            builder.UseSetting("Conveyor:Keys:Function:0", Key);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            if (Environment.GetEnvironmentVariable("CONVEYOR_BENCH_HTTP_WORKER") == "0")
            {
                builder.UseSetting("Conveyor:RunWorker", "false");
            }
            builder.ConfigureTestServices(services => services.AddConveyorJobs((registry, _) => registry.Add(TrivialJob())));
        }

        private static JobDefinition TrivialJob() => new JobBuilder(JobName)
            .Start(new StepBuilder("one").Chunk<int, int>(1)
                .Reader(_ => new InMemoryItemReader<int>([1]))
                .Writer(_ => new DiscardWriter())
                .Build())
            .Validator(["run"])
            .Build();
    }

    private sealed class DiscardWriter : IItemWriter<int>
    {
        public Task WriteAsync(Chunk<int> chunk, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
