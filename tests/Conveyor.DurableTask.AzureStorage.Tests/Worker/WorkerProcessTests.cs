using System.Diagnostics;
using System.Globalization;
using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.TaskHub;
using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conveyor.DurableTask.AzureStorage.Tests.Worker;

/// <summary>A real worker process killed with SIGKILL mid-work: another worker takes its partitions and finishes its instances.</summary>
public sealed class WorkerProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task KilledWithSigkillMidWork_AnotherWorkerTakesOver_EveryInstanceCompletesCorrectly()
    {
        var hub = AzureStorageTestHost.NewHub(azurite, partitions: 2);
        using var clientHost = ClientHost(hub);
        var client = clientHost.Services.GetRequiredService<DurableTaskClient>();
        var expected = new Dictionary<string, long>();
        for (var i = 0; i < 6; i++)
        {
            var fanOut = i % 2 == 0;
            var id = await client.ScheduleNewOrchestrationInstanceAsync(fanOut ? "SumOfSquares" : "Chain", fanOut ? 10 : 8);
            expected[id] = fanOut ? SampleOrchestrations.SumOfSquares(10) : 8;
        }

        await using (var victim = await WorkerProcess.StartAsync(hub, activityDelayMs: 300))
        {
            await victim.WaitForLinesAsync("activity ", 5);
            victim.Kill();
        }

        var takenOver = 0;
        await using var survivor = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples((_, _) => Interlocked.Increment(ref takenOver)), hub);
        foreach (var (id, value) in expected)
        {
            var result = await survivor.WaitAsync(id);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"instance {id}: {result.FailureDetails}");
            result.ReadOutputAs<long>().ShouldBe(value);
        }

        takenOver.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task StoppedGracefully_ReleasesItsPartitions_AnotherWorkerFinishesTheWork()
    {
        var hub = AzureStorageTestHost.NewHub(azurite, partitions: 2);
        hub.LeaseInterval = TimeSpan.FromMinutes(5); // Only a release, not an expiry, can move the partitions in time.
        hub.LeaseRenewInterval = TimeSpan.FromSeconds(2);
        var worker = await WorkerProcess.StartAsync(hub, activityDelayMs: 200);
        await using (worker)
        {
            using var clientHost = ClientHost(hub);
            var client = clientHost.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 20);
            await worker.WaitForLinesAsync("activity ", 2);
            await worker.StopGracefullyAsync();

            await using var successor = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples(), hub);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var result = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

            result.ReadOutputAs<long>().ShouldBe(20);
            worker.Lines().ShouldContain("stopped");
        }
    }

    private static IHost ClientHost(AzureStorageTaskHubOptions hub)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(o =>
        {
            o.TaskHub = hub;
            o.MaxStatusPollingInterval = TimeSpan.FromMilliseconds(100);
        }));
        return builder.Build();
    }

    private sealed class WorkerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly Task _reader;

        private WorkerProcess(Process process)
        {
            _process = process;
            _reader = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    lock (_lines)
                    {
                        _lines.Add(line);
                    }
                }
            });
        }

        public static async Task<WorkerProcess> StartAsync(AzureStorageTaskHubOptions hub, int activityDelayMs)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "Conveyor.DurableTask.AzureStorage.TestWorker.dll"), hub.ConnectionString!, hub.TaskHubName,
                hub.PartitionCount.ToString(CultureInfo.InvariantCulture), activityDelayMs.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            var worker = new WorkerProcess(Process.Start(start)!);
            _ = worker._process.StandardError.ReadToEndAsync();
            await worker.WaitForLinesAsync("started", 1);
            return worker;
        }

        public async Task WaitForLinesAsync(string prefix, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Lines().Count(l => l.StartsWith(prefix, StringComparison.Ordinal)) < count)
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"The worker process printed fewer than {count} '{prefix}' lines: {string.Join(" / ", Lines())}");
                }

                await Task.Delay(50);
            }
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(); // SIGKILL
                _process.WaitForExit();
            }
        }

        public async Task StopGracefullyAsync()
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
            await _reader;
        }

        public List<string> Lines()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await _reader;
            _process.Dispose();
        }
    }
}
