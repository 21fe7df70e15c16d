using System.Collections.Concurrent;
using Conveyor.Durable.Worker;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

/// <summary>Each activity of a small fan-out takes a slot of its own, so what one worker cannot start goes to another.</summary>
public sealed class ActivitySlotsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task FanOutOfFourLongActivities_TwoWorkersWithTwoSlotsEach_EachWorkerRunsTwoAndNeverMoreAtOnce()
    {
        var running = new ConcurrentDictionary<string, int>();
        var peak = new ConcurrentDictionary<string, int>();
        Action<DurableTaskRegistry> Register(string worker) => registry => registry
            .AddOrchestratorFunc<object?, string[]>("FanOut", (ctx, _) => Task.WhenAll(Enumerable.Range(0, 4).Select(i => ctx.CallActivityAsync<string>("Hold", i))))
            .AddActivityFunc<int, string>("Hold", async (_, _) =>
            {
                var now = running.AddOrUpdate(worker, 1, (_, n) => n + 1);
                peak.AddOrUpdate(worker, now, (_, p) => Math.Max(p, now));
                await Task.Delay(1500, CancellationToken.None);
                running.AddOrUpdate(worker, 0, (_, n) => n - 1);
                return worker;
            });
        DurableTaskWorkerOptions TwoSlots()
        {
            var options = DurableTestHost.FastWorkerOptions();
            options.MaxConcurrentActivities = 2;
            return options;
        }

        await using var first = await DurableTestHost.StartAsync(azurite, Register("first"), workerOptions: TwoSlots());
        await using var second = await DurableTestHost.StartAsync(azurite, Register("second"), first.Hub, TwoSlots());

        var result = await first.RunAsync("FanOut");

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        var ranOn = result.ReadOutputAs<string[]>()!;
        ranOn.Count(w => w == "first").ShouldBe(2);
        ranOn.Count(w => w == "second").ShouldBe(2);
        peak.Values.ShouldAllBe(p => p <= 2);
    }
}
