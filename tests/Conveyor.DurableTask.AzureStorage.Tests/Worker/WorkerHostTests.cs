using System.Collections.Concurrent;
using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.Testing;

namespace Conveyor.DurableTask.AzureStorage.Tests.Worker;

/// <summary>Two worker hosts on one task hub in one process: the engine's partition balancing shares the work.</summary>
public sealed class WorkerHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoHostsOnOneHub_BothRunOrchestrationsAndActivities_AndEveryResultIsRight()
    {
        var name = AzuriteFixture.UniqueName("hub");
        var ranBy = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        await using var first = await StartAsync("first");
        await using var second = await StartAsync("second");

        var expected = new List<string>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(Ran("first", "orchestration") && Ran("second", "orchestration") && Ran("first", "activity") && Ran("second", "activity")))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "both hosts should have run orchestrations and activities within a minute");
            for (var i = 0; i < 8; i++)
            {
                expected.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync("SumOfSquaresHere", 10));
            }

            foreach (var id in expected.TakeLast(8))
            {
                var result = await first.WaitAsync(id);
                result.ReadOutputAs<long>().ShouldBe(SampleOrchestrations.SumOfSquares(10), $"{id}: {result.FailureDetails}");
            }
        }

        return;

        bool Ran(string host, string kind) => ranBy.TryGetValue(host, out var kinds) && kinds.Contains(kind);

        Task<AzureStorageTestHost> StartAsync(string label)
        {
            var hub = TestTaskHubs.Fast(azurite.ConnectionString, name, partitions: 4);
            hub.WorkerId = label;
            return AzureStorageTestHost.StartAsync(
                azurite,
                r => r.AddSamples((_, _) => ranBy.GetOrAdd(label, _ => []).Add("activity"), TimeSpan.FromMilliseconds(20))
                    .AddOrchestratorFunc<int, long>("SumOfSquaresHere", async (ctx, n) =>
                    {
                        if (!ctx.IsReplaying)
                        {
                            ranBy.GetOrAdd(label, _ => []).Add("orchestration");
                        }

                        return await ctx.CallSubOrchestratorAsync<long>("SumOfSquares", n);
                    }),
                hub);
        }
    }
}
