using System.Diagnostics;
using System.Globalization;
using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.TestWorker;
using Conveyor.Storage.Queues;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

/// <summary>Real worker processes: killed with SIGKILL mid-work, and two at once sharing the partitions.</summary>
public sealed class WorkerProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task KilledWithSigkillAtRandomMoments_NewProcessTakesOver_EveryInstanceCompletesCorrectly()
    {
        var hub = DurableTestHost.NewHub(azurite, partitions: 4);
        using var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync();
        var expected = new Dictionary<string, long>();
        for (var i = 0; i < 12; i++)
        {
            var fanOut = i % 3 != 0;
            var id = await client.ScheduleNewOrchestrationInstanceAsync(fanOut ? "SumOfSquares" : "Chain", fanOut ? 25 : 15);
            expected[id] = fanOut ? SampleOrchestrations.SumOfSquares(25) : 15;
        }

        var random = new Random(42);
        for (var trial = 0; trial < 3; trial++)
        {
            await using var victim = await WorkerProcess.StartAsync(hub);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 4000)));
            victim.Kill();
        }

        await using var survivor = await WorkerProcess.StartAsync(hub);
        foreach (var (id, value) in expected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var result = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"instance {id}: {result.FailureDetails}");
            result.ReadOutputAs<long>().ShouldBe(value);
            await AssertHistoryIsWellFormedAsync(hub, id);
        }
    }

    [Fact]
    public async Task TwoProcessesAtOnce_EachPartitionHasOneOwnerAtATime_AndAllInstancesComplete()
    {
        var hub = DurableTestHost.NewHub(azurite, partitions: 4);
        using var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync();
        await using var first = await WorkerProcess.StartAsync(hub);
        await first.WaitUntilOwningAsync();
        await using var second = await WorkerProcess.StartAsync(hub);
        await second.WaitUntilOwningAsync(); // The first hands over its surplus partitions within a renew interval or two.

        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("SumOfSquares", 10));
        }

        foreach (var id in ids)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var result = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
            result.ReadOutputAs<long>().ShouldBe(SampleOrchestrations.SumOfSquares(10));
            await AssertHistoryIsWellFormedAsync(hub, id);
        }

        await first.StopGracefullyAsync();
        await second.StopGracefullyAsync();
        var intervals = first.OwnershipIntervals().Select(i => (Owner: 1, i.Partition, i.From, i.To))
            .Concat(second.OwnershipIntervals().Select(i => (Owner: 2, i.Partition, i.From, i.To)))
            .ToList();
        intervals.Select(i => i.Owner).Distinct().Count().ShouldBe(2, "both processes should have owned partitions");
        foreach (var a in intervals)
        {
            foreach (var b in intervals.Where(b => b.Owner != a.Owner && b.Partition == a.Partition))
            {
                (a.To <= b.From || b.To <= a.From).ShouldBeTrue($"partition {a.Partition} was owned by both processes at once");
            }
        }
    }

    [Fact]
    public async Task KilledWhileRunningAnActivityLocally_WorkItemReappears_AndAnotherProcessCompletesIt()
    {
        var hub = DurableTestHost.NewHub(azurite, partitions: 1);
        using var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync();
        var queues = new AzureStorageTaskHub(hub);
        string id;
        await using (var victim = await WorkerProcess.StartAsync(hub, activityDelayMs: 120_000))
        {
            await victim.WaitUntilOwningAsync();
            id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);

            // The episode committed and sent the work item, which the victim now runs: it stays invisible meanwhile.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await queues.WorkItems.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the work item was never sent");
                await Task.Delay(50);
            }

            (await queues.WorkItems.PeekMessagesAsync(1)).Value.ShouldBeEmpty("the work item should be invisible while the activity runs");
            await Task.Delay(500);
            victim.Kill();
        }

        // Once its invisibility ends the work item is visible, never received: it ran in the victim's process.
        var visibleBy = DateTime.UtcNow.AddSeconds(30);
        PeekedMessage[] peeked;
        while ((peeked = (await queues.WorkItems.PeekMessagesAsync(1)).Value).Length == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(visibleBy, "the work item of the killed process never became visible again");
            await Task.Delay(100);
        }

        peeked.Single().DequeueCount.ShouldBe(0);

        await using var survivor = await WorkerProcess.StartAsync(hub);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<long>().ShouldBe(1);
        await AssertHistoryIsWellFormedAsync(hub, id);
    }

    private static async Task AssertHistoryIsWellFormedAsync(TaskHubOptions hub, string instanceId)
    {
        using var storage = new TaskHubStorage(hub, TimeProvider.System);
        var record = (await storage.Instances.GetAsync(instanceId, false, CancellationToken.None)).ShouldNotBeNull();
        var history = await storage.History.LoadAsync(instanceId, record.ExecutionId, 0, CancellationToken.None);
        history.OfType<ExecutionStartedEvent>().Count().ShouldBe(1);
        history.OfType<ExecutionCompletedEvent>().Count().ShouldBe(1);
        var scheduled = history.Where(e => e.EventId >= 0).Select(e => e.EventId).ToList();
        scheduled.Distinct().Count().ShouldBe(scheduled.Count, "an action was recorded twice");
        var completions = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).ToList();
        completions.Distinct().Count().ShouldBe(completions.Count, "a completion was applied twice");
        completions.ShouldBeSubsetOf(scheduled);
    }

    /// <summary>A Conveyor.Durable.TestWorker process.</summary>
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

        public static async Task<WorkerProcess> StartAsync(TaskHubOptions hub, int activityDelayMs = 20)
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
                Path.Combine(AppContext.BaseDirectory, "Conveyor.Durable.TestWorker.dll"), hub.ConnectionString, hub.TaskHubName,
                hub.PartitionCount.ToString(CultureInfo.InvariantCulture), activityDelayMs.ToString(CultureInfo.InvariantCulture),
            })
            {
                start.ArgumentList.Add(argument);
            }

            var worker = new WorkerProcess(Process.Start(start)!);
            _ = worker._process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!worker.Saw("started"))
            {
                if (worker._process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The worker process did not start.");
                }

                await Task.Delay(50);
            }

            return worker;
        }

        public async Task WaitUntilOwningAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Lines().Any(l => l.StartsWith("acquired ", StringComparison.Ordinal)))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The worker process acquired no partition within a minute.");
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

        public IEnumerable<(int Partition, long From, long To)> OwnershipIntervals()
        {
            var open = new Dictionary<int, long>();
            foreach (var parts in Lines().Select(l => l.Split(' ')).Where(p => p.Length == 3))
            {
                var partition = int.Parse(parts[1], CultureInfo.InvariantCulture);
                var at = long.Parse(parts[2], CultureInfo.InvariantCulture);
                if (parts[0] == "acquired")
                {
                    open[partition] = at;
                }
                else if (open.Remove(partition, out var from))
                {
                    yield return (partition, from, at);
                }
            }

            foreach (var (partition, from) in open)
            {
                yield return (partition, from, long.MaxValue);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Kill();
            await _reader;
            _process.Dispose();
        }

        private bool Saw(string line) => Lines().Contains(line);

        private List<string> Lines()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }
}
