using Conveyor.Durable.History;
using Conveyor.Durable.TaskHub;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

/// <summary>The extended session: an owned instance's row and history are cached between episodes.</summary>
public sealed class OrchestrationSessionProcessorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ProcessAsync_AnotherWriterExtendedTheHistoryAndTheRowOfACachedInstance_TheEpisodeWorksFromTheirState()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, RegisterTwoEvents);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        using var storage = new TaskHubStorage(host.Hub, TimeProvider.System);
        var row = await WaitForFirstEpisodeAsync(storage, id);

        // Another process (a previous owner of the partition, say) applies event A behind this worker's back.
        var history = await storage.History.LoadAsync(id, row.ExecutionId, 0, CancellationToken.None);
        HistoryEvent[] episode = [new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow }, new EventRaisedEvent("A", "\"a\"", "elsewhere-1") { Timestamp = DateTime.UtcNow }];
        await storage.History.AppendAsync(id, row.ExecutionId, history.Count, episode, CancellationToken.None);
        await storage.Instances.UpdateAsync(id, current =>
        {
            current!.HistoryCount = history.Count + episode.Length;
            return current;
        }, CancellationToken.None);

        await host.Client.RaiseEventAsync(id, "B", "b");

        var result = await host.WaitAsync(id);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, result.FailureDetails?.ToString());
        result.ReadOutputAs<string>().ShouldBe("ab");
        var final = await storage.History.LoadAsync(id, row.ExecutionId, 0, CancellationToken.None);
        final.OfType<EventRaisedEvent>().Select(e => e.Name).ShouldBe(["A", "B"]);
        final.OfType<ExecutionCompletedEvent>().Count().ShouldBe(1);
    }

    [Fact]
    public async Task ProcessAsync_AnotherWriterChangedOnlyTheRowOfACachedInstance_TheRowEndsUpReflectingTheHistory()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, RegisterTwoEvents);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoEvents");
        using var storage = new TaskHubStorage(host.Hub, TimeProvider.System);
        var row = await WaitForFirstEpisodeAsync(storage, id);

        // The row's ETag changes: the worker's cached copy is stale and its next write must not overwrite blindly.
        await storage.Instances.UpdateAsync(id, current =>
        {
            current!.CustomStatus = "\"changed elsewhere\"";
            return current;
        }, CancellationToken.None);
        await host.Client.RaiseEventAsync(id, "A", "a");
        await host.WaitUntilAsync(id, s => s.ReadCustomStatusAs<string>() == "waiting for B");
        await host.Client.RaiseEventAsync(id, "B", "b");

        var result = await host.WaitAsync(id);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<string>().ShouldBe("ab");
        var stored = (await storage.Instances.GetAsync(id, false, CancellationToken.None)).ShouldNotBeNull();
        var history = await storage.History.LoadAsync(id, row.ExecutionId, 0, CancellationToken.None);
        stored.HistoryCount.ShouldBe(history.Count);
    }

    private static void RegisterTwoEvents(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<object?, string>("TwoEvents", async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting for A");
            var a = await ctx.WaitForExternalEvent<string>("A");
            ctx.SetCustomStatus("waiting for B");
            var b = await ctx.WaitForExternalEvent<string>("B");
            return a + b;
        });

    private static async Task<InstanceRecord> WaitForFirstEpisodeAsync(TaskHubStorage storage, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = await storage.Instances.GetAsync(id, false, CancellationToken.None);
            if (row is { Status: OrchestrationRuntimeStatus.Running, HistoryCount: > 0 })
            {
                return row;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the first episode never ran");
            await Task.Delay(50);
        }
    }
}
