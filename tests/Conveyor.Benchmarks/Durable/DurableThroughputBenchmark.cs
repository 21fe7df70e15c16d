using System.Collections.Concurrent;
using System.Diagnostics;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Benchmarks.Durable;

/// <summary>
/// Durable runtime throughput on Azurite with one worker: a chain of 100 activities, a fan-out of 1,000,
/// 200 concurrent orchestrations of 5 steps, and latency from schedule to first activity start.
/// </summary>
/// <remarks>
/// Durations end at the completion time the worker records on the instance row, not when the client's
/// completion poll (which backs off to one second) happens to notice it.
/// </remarks>
internal sealed class DurableThroughputBenchmark : IBenchmarkSuite
{
    public string Group => "durable";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var firstStarts = new ConcurrentDictionary<string, long>();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Noop", (_, x) => Task.FromResult(x))
            .AddActivityFunc<string, int>("Mark", (ctx, _) =>
            {
                firstStarts.TryAdd(ctx.InstanceId, Stopwatch.GetTimestamp());
                return Task.FromResult(0);
            })
            .AddOrchestratorFunc<int, int>("Sequence", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Noop", i);
                }

                return sum;
            })
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Noop", i)))).Sum())
            .AddOrchestratorFunc<object?, int>("MarkStart", (ctx, _) => ctx.CallActivityAsync<int>("Mark", ctx.InstanceId));

        var hub = new TaskHubOptions { ConnectionString = context.ConnectionString, TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8] };
        await using var services = new ServiceCollection().BuildServiceProvider();
        var options = new DurableTaskWorkerOptions { MaxConcurrentActivities = 32, MaxConcurrentOrchestrations = 32, MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        using var worker = new DurableTaskWorker(hub, options, registry, services);
        using var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync(cancellationToken);
        await worker.StartAsync(cancellationToken);
        await WaitForPartitionsAsync(worker, hub.PartitionCount, cancellationToken);

        // Warm-up: JIT (every path run often enough to reach optimized code), connections, Azurite's own JIT.
        await RunOneAsync(client, "Sequence", 40, cancellationToken);
        await RunOneAsync(client, "FanOut", 100, cancellationToken);

        var chain = await RunOneAsync(client, "Sequence", 100, cancellationToken);
        context.Metric("durable_sequential_activities_per_s", 100 / chain.TotalSeconds, "activities/s");

        var fanOut = await RunOneAsync(client, "FanOut", 1000, cancellationToken);
        context.Metric("durable_fanout_activities_per_s", 1000 / fanOut.TotalSeconds, "activities/s");

        var startedAt = DateTimeOffset.UtcNow;
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.ScheduleNewOrchestrationInstanceAsync("Sequence", 5, cancellationToken: cancellationToken)));
        var finished = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, false, cancellationToken)));
        var lastCompletion = finished.Max(f => f.LastUpdatedAt);
        context.Metric("durable_concurrent_orchestrations_per_s", 200 / (lastCompletion - startedAt).TotalSeconds, "orchestrations/s");

        var latencies = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var scheduledAt = Stopwatch.GetTimestamp();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("MarkStart", null, cancellationToken: cancellationToken);
            await client.WaitForInstanceCompletionAsync(id, false, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(scheduledAt, firstStarts[id]).TotalMilliseconds);
        }

        latencies.Sort();
        context.Metric("durable_schedule_to_first_activity_p50", latencies[latencies.Count / 2], "ms");
        context.Metric("durable_schedule_to_first_activity_p99", latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1], "ms");

        await worker.StopAsync(cancellationToken);
    }

    private static async Task<TimeSpan> RunOneAsync(DurableTaskClient client, string name, int input, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken: cancellationToken);
        var result = await client.WaitForInstanceCompletionAsync(id, false, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{name} ended {result.RuntimeStatus}: {result.FailureDetails}");
        }

        return result.LastUpdatedAt - startedAt;
    }

    private static async Task WaitForPartitionsAsync(DurableTaskWorker worker, int count, CancellationToken cancellationToken)
    {
        while (worker.OwnedPartitions.Count < count)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
