using Conveyor.Durable.TestWorker;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Client;

public sealed class DurableTaskClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfARunningInstance_IsRefused()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var id = AzuriteFixture.UniqueName("inst");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions(id));

        var refused = await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions(id)));

        refused.InstanceId.ShouldBe(id);
        refused.Message.ShouldContain(id);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfACompletedInstance_RunsItAgainAsANewExecution()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input)));
        var id = AzuriteFixture.UniqueName("inst");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "first", new StartOrchestrationOptions(id));
        var first = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        // The start tries an insert first; the existing row answers 409, and the finished instance is replaced.
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "second", new StartOrchestrationOptions(id));
        var second = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestContext.Current.CancellationToken);

        first.ReadOutputAs<string>().ShouldBe("first");
        second.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        second.ReadOutputAs<string>().ShouldBe("second");
        second.CreatedAt.ShouldBeGreaterThanOrEqualTo(first.CreatedAt);
    }

    [Fact]
    public async Task GetInstanceAsync_Unknown_ReturnsNull()
    {
        using var client = DurableTaskClient.Create(DurableTestHost.NewHub(azurite));
        await client.CreateTaskHubIfNotExistsAsync();

        (await client.GetInstanceAsync("nobody")).ShouldBeNull();
        await Should.ThrowAsync<OrchestrationNotFoundException>(() => client.RaiseEventAsync("nobody", "e"));
    }

    [Fact]
    public async Task GetAllInstancesAsync_FiltersAndPagesWithContinuation()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var prefix = AzuriteFixture.UniqueName("q");
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Chain", 1, $"{prefix}-done-{i}");
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions($"{prefix}-waiting"));
        await host.WaitUntilAsync($"{prefix}-waiting", s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var firstPage = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages().FirstAsync();
        firstPage.Values.Count.ShouldBe(2);
        firstPage.ContinuationToken.ShouldNotBeNullOrEmpty();
        var rest = new List<OrchestrationMetadata>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, ContinuationToken = firstPage.ContinuationToken }).AsPages())
        {
            rest.AddRange(page.Values);
        }

        firstPage.Values.Concat(rest).Select(m => m.InstanceId).Order().ShouldBe(
            Enumerable.Range(0, 5).Select(i => $"{prefix}-done-{i}").Append($"{prefix}-waiting").Order());

        var completed = await host.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            FetchInputsAndOutputs = true,
        }).ToListAsync();
        completed.Count.ShouldBe(5);
        completed.ShouldAllBe(m => m.ReadOutputAs<long>() == 1);

        var running = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }).ToListAsync();
        running.ShouldHaveSingleItem().InstanceId.ShouldBe($"{prefix}-waiting");

        var future = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) }).ToListAsync();
        future.ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeInstanceAsync_Finished_DeletesStateAndHistory_RunningIsKept()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var done = await host.RunAsync("Chain", 2);
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await host.WaitUntilAsync(waiting, s => s.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        (await host.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount.ShouldBe(1);
        (await host.Client.PurgeInstanceAsync(waiting)).PurgedInstanceCount.ShouldBe(0);

        (await host.Client.GetInstanceAsync(done.InstanceId)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(waiting)).ShouldNotBeNull();
        using var storage = new Conveyor.Durable.TaskHub.TaskHubStorage(host.Hub, TimeProvider.System);
        var rows = await storage.Hub.History.QueryAsync(Conveyor.Storage.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {done.InstanceId}")).ToListAsync();
        rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByPrefix_PurgesOnlyFinishedMatches()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples());
        var prefix = AzuriteFixture.UniqueName("p");
        await host.RunAsync("Chain", 1, $"{prefix}-a");
        await host.RunAsync("Chain", 1, $"{prefix}-b");
        var other = await host.RunAsync("Chain", 1);

        var result = await host.Client.PurgeAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix });

        result.PurgedInstanceCount.ShouldBe(2);
        (await host.Client.GetInstanceAsync(other.InstanceId)).ShouldNotBeNull();
    }

    [Fact]
    public async Task RestartAsync_Finished_RunsAgainWithTheOriginalInput()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples());
        var first = await host.RunAsync("SumOfSquares", 4);

        var sameId = await host.Client.RestartAsync(first.InstanceId);
        var again = await host.WaitAsync(sameId);
        var newId = await host.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: true);
        var fresh = await host.WaitAsync(newId);

        sameId.ShouldBe(first.InstanceId);
        again.ReadOutputAs<long>().ShouldBe(30);
        again.CreatedAt.ShouldBeGreaterThan(first.CreatedAt);
        newId.ShouldNotBe(first.InstanceId);
        fresh.ReadOutputAs<long>().ShouldBe(30);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_WaitsUntilThen()
    {
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples());
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(StartAt: startAt));
        await Task.Delay(1000);
        (await host.Client.GetInstanceAsync(id)).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        var result = await host.WaitAsync(id);

        result.LastUpdatedAt.ShouldBeGreaterThanOrEqualTo(startAt.AddSeconds(-1));
    }
}
