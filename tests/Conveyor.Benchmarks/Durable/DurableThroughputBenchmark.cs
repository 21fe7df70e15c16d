using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.TaskHub;
using Conveyor.DurableTask.AzureStorage.Worker;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conveyor.Benchmarks.Durable;

/// <summary>
/// Throughput of the Durable Task SDK on the Durable Task Framework's Azure Storage engine (Conveyor.DurableTask.AzureStorage)
/// with one worker on Azurite: a chain of 100 activities with the engine's own defaults and with Conveyor's, and a fan-out
/// of 1,000 no-op activities with Conveyor's. These figures chose the defaults documented on <see cref="AzureStorageTaskHubOptions"/>.
/// </summary>
/// <remarks>
/// Durations end at the completion time the engine records on the instance row, not when the client's polling notices it.
/// </remarks>
internal sealed class DurableThroughputBenchmark : IBenchmarkSuite
{
    public string Group => "durable";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        // Warm-up of the process and of Azurite (JIT, connection pools, Azurite's own first requests), measured by nobody:
        // without it the first configuration measured pays for all of that.
        await MeasureAsync(context, _ => { }, fanOut: true, cancellationToken);

        var engineDefaults = new AzureStorageOrchestrationServiceSettings();
        var defaults = await MeasureAsync(context, o =>
        {
            o.ExtendedSessionsEnabled = engineDefaults.ExtendedSessionsEnabled;
            o.MaxConcurrentActivities = engineDefaults.MaxConcurrentTaskActivityWorkItems;
            o.MaxConcurrentOrchestrations = engineDefaults.MaxConcurrentTaskOrchestrationWorkItems;
            o.MaxQueuePollingInterval = engineDefaults.MaxQueuePollingInterval;
        }, fanOut: false, cancellationToken);
        var chosen = await MeasureAsync(context, _ => { }, fanOut: true, cancellationToken);

        // The alternatives the defaults were chosen against, printed for the record (not as metrics).
        foreach (var (label, variant) in Variants)
        {
            var figures = await MeasureAsync(context, variant, fanOut: true, cancellationToken);
            Console.Out.WriteLine(FormattableString.Invariant($"# variant {label}: sequential {figures.Sequential:0.#}/s, fan-out {figures.FanOut:0.#}/s"));
        }

        context.Metric("durable_sequential_per_s_default", defaults.Sequential, "activities/s");
        context.Metric("durable_sequential_per_s", chosen.Sequential, "activities/s");
        context.Metric("durable_sequential_speedup_vs_default", chosen.Sequential / defaults.Sequential, "x");
        context.Metric("durable_fanout_per_s", chosen.FanOut, "activities/s");
    }

    private static readonly (string Label, Action<AzureStorageTaskHubOptions> Tune)[] Variants =
    [
        ("polling 50 ms", o => o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(50)),
        ("polling 1 s", o => o.MaxQueuePollingInterval = TimeSpan.FromSeconds(1)),
        ("no extended sessions", o => o.ExtendedSessionsEnabled = false),
        ("activities 32", o => o.MaxConcurrentActivities = 32),
        ("partitions 1", o => o.PartitionCount = 1),
    ];

    private static async Task<(double Sequential, double FanOut)> MeasureAsync(
        BenchmarkContext context, Action<AzureStorageTaskHubOptions> tune, bool fanOut, CancellationToken cancellationToken)
    {
        var hub = new AzureStorageTaskHubOptions { ConnectionString = context.ConnectionString, TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..8] };
        tune(hub);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r
                .AddActivityFunc<int, int>("Noop", (_, x) => Task.FromResult(x))
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
                    (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Noop", i)))).Sum()))
            .UseAzureStorage(o => o.TaskHub = hub));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(o =>
        {
            o.TaskHub = hub;
            o.MaxStatusPollingInterval = TimeSpan.FromMilliseconds(200);
        }));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        // Warm-up: partitions acquired, JIT, connections, Azurite's own JIT.
        await RunOneAsync(client, "Sequence", 20, cancellationToken);
        var sequential = 100 / (await RunOneAsync(client, "Sequence", 100, cancellationToken)).TotalSeconds;
        var fanOutRate = double.NaN;
        if (fanOut)
        {
            await RunOneAsync(client, "FanOut", 100, cancellationToken);
            fanOutRate = 1000 / (await RunOneAsync(client, "FanOut", 1000, cancellationToken)).TotalSeconds;
        }

        await host.StopAsync(cancellationToken);
        return (sequential, fanOutRate);
    }

    private static async Task<TimeSpan> RunOneAsync(DurableTaskClient client, string name, int input, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, cancellationToken);
        var result = await client.WaitForInstanceCompletionAsync(id, false, cancellationToken);
        if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{name} ended {result.RuntimeStatus}: {result.FailureDetails}");
        }

        return result.LastUpdatedAt - startedAt;
    }
}
