using System.Diagnostics;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conveyor.Benchmarks.Jobs;

/// <summary>
/// The seeds' "a small job per request": a one-step, one-chunk job from start to COMPLETED, against a bare orchestration
/// on the same engine and settings that calls as many no-op activities in sequence as the job's orchestration does
/// (start job, start step, execute partition, complete step, complete job). Latency with one client; throughput of 200
/// from 20 clients. The ratios say what the batch model costs on top of the durable engine.
/// </summary>
internal sealed class TrivialJobBenchmark : IBenchmarkSuite
{
    private const int ActivitiesPerTrivialJob = 5;
    private const int LatencyRuns = 40;
    private const int ThroughputRuns = 200;
    private const int Clients = 20;

    public string Group => "jobs";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var host = await StartAsync(context, cancellationToken);
        var launcher = host.Services.GetRequiredService<JobLauncher>();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var runs = 0;
        async Task Job(CancellationToken ct)
        {
            var execution = await launcher.RunAsync("trivial", new JobParameters([new("run", new JobParameter((long)Interlocked.Increment(ref runs)))]), ct);
            await client.WaitForInstanceCompletionAsync(execution.ExecutionId, false, ct);
        }

        async Task Bare(CancellationToken ct)
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("BareSequence", ActivitiesPerTrivialJob, ct);
            await client.WaitForInstanceCompletionAsync(id, false, ct);
        }

        // Warm-up: JIT, partition ownership, the tables.
        for (var i = 0; i < 5; i++)
        {
            await Job(cancellationToken);
            await Bare(cancellationToken);
        }

        var job = await LatenciesAsync(Job, cancellationToken);
        var bare = await LatenciesAsync(Bare, cancellationToken);
        var jobRate = await ThroughputAsync(Job, cancellationToken);
        var bareRate = await ThroughputAsync(Bare, cancellationToken);
        context.Metric("jobs_trivial_latency_p50_ms", Percentile(job, 0.50), "ms");
        context.Metric("jobs_trivial_latency_p99_ms", Percentile(job, 0.99), "ms");
        context.Metric("jobs_bare_latency_p50_ms", Percentile(bare, 0.50), "ms");
        context.Metric("jobs_trivial_latency_vs_bare_ratio", Percentile(job, 0.50) / Percentile(bare, 0.50), "x");
        context.Metric("jobs_throughput_per_s", jobRate, "jobs/s");
        context.Metric("jobs_bare_throughput_per_s", bareRate, "orchestrations/s");
        context.Metric("jobs_throughput_vs_bare_ratio", jobRate / bareRate, "x");
        await host.StopAsync(cancellationToken);
    }

    private static async Task<IHost> StartAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        builder.Services.AddConveyor(o =>
            {
                o.ConnectionString = context.ConnectionString;
                o.TaskHubName = "jobs" + suffix;
                o.TablePrefix = "jobs" + suffix;
            })
            .AddJob(new JobBuilder("trivial").Start(new StepBuilder("one").Chunk<int, int>(10)
                .Reader(_ => new InMemoryItemReader<int>([1, 2, 3]))
                .Writer(_ => new InMemoryItemWriter<int>())
                .Build()).Build());

        // The baseline runs in the same worker, on the same engine and settings.
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(r => r
            .AddActivityFunc<int, int>("BareNoop", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<int, int>("BareSequence", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("BareNoop", i);
                }

                return sum;
            })));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static async Task<List<double>> LatenciesAsync(Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(LatencyRuns);
        for (var i = 0; i < LatencyRuns; i++)
        {
            var clock = Stopwatch.StartNew();
            await run(cancellationToken);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<double> ThroughputAsync(Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var i = 0; i < ThroughputRuns / Clients; i++)
            {
                await run(cancellationToken);
            }
        }));
        return ThroughputRuns / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}
