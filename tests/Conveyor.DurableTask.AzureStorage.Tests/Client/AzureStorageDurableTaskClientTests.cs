using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.Testing;
using DurableTask.Core.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conveyor.DurableTask.AzureStorage.Tests.Client;

public sealed class AzureStorageDurableTaskClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfARunningInstance_ThrowsInvalidOperation()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var id = AzuriteFixture.UniqueName("inst");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions(id));
        await host.Client.WaitForInstanceStartAsync(id, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions(id)));

        refused.ShouldBeAssignableTo<InvalidOperationException>();
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfACompletedInstance_RunsItAgain()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input)));
        var id = AzuriteFixture.UniqueName("inst");
        var first = await host.RunAsync("Echo", "first", id);

        var second = await host.RunAsync("Echo", "second", id);

        first.ReadOutputAs<string>().ShouldBe("first");
        second.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        second.ReadOutputAs<string>().ShouldBe("second");
        second.CreatedAt.ShouldBeGreaterThanOrEqualTo(first.CreatedAt);
    }

    [Fact]
    public async Task GetInstanceAsync_WithAndWithoutInputsAndOutputs_ReturnsThemOnlyWhenAsked()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());
        var done = await host.RunAsync("Chain", 2);

        var bare = await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: false);
        var full = await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true);

        bare.ShouldNotBeNull().SerializedInput.ShouldBeNull();
        bare.SerializedOutput.ShouldBeNull();
        full.ShouldNotBeNull().ReadInputAs<int>().ShouldBe(2);
        full.ReadOutputAs<long>().ShouldBe(2);
        (await host.Client.GetInstanceAsync("nobody")).ShouldBeNull();
    }

    [Fact]
    public async Task GetAllInstancesAsync_FiltersAndPagesWithContinuation()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var prefix = AzuriteFixture.UniqueName("q");
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Chain", 1, $"{prefix}-done-{i}");
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions($"{prefix}-waiting"));
        await host.Client.WaitForInstanceStartAsync($"{prefix}-waiting", TestContext.Current.CancellationToken);

        var firstPage = await FirstPageAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }));
        firstPage.Values.Count.ShouldBe(2);
        firstPage.ContinuationToken.ShouldNotBeNullOrEmpty();
        var rest = new List<OrchestrationMetadata>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, ContinuationToken = firstPage.ContinuationToken }).AsPages())
        {
            rest.AddRange(page.Values);
        }

        firstPage.Values.Concat(rest).Select(m => m.InstanceId).Order().ShouldBe(
            Enumerable.Range(0, 5).Select(i => $"{prefix}-done-{i}").Append($"{prefix}-waiting").Order());

        var completed = await ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            FetchInputsAndOutputs = true,
        }));
        completed.Count.ShouldBe(5);
        completed.ShouldAllBe(m => m.ReadOutputAs<long>() == 1);

        var running = await ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }));
        running.ShouldHaveSingleItem().InstanceId.ShouldBe($"{prefix}-waiting");

        var future = await ListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) }));
        future.ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeInstanceAsync_Finished_DeletesIt_RunningIsKept()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var done = await host.RunAsync("Chain", 2);
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await host.Client.WaitForInstanceStartAsync(waiting, TestContext.Current.CancellationToken);

        (await host.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount.ShouldBe(1);
        (await host.Client.PurgeInstanceAsync(waiting)).PurgedInstanceCount.ShouldBe(0);

        (await host.Client.GetInstanceAsync(done.InstanceId)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(waiting)).ShouldNotBeNull();
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByStatusAndTime_PurgesOnlyFinishedInTheWindow()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples()
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var before = await host.RunAsync("Chain", 1);
        var from = DateTimeOffset.UtcNow;
        var a = await host.RunAsync("Chain", 1);
        var b = await host.RunAsync("Chain", 1);
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await host.Client.WaitForInstanceStartAsync(waiting, TestContext.Current.CancellationToken);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTimeOffset.UtcNow.AddMinutes(1), [OrchestrationRuntimeStatus.Completed]));

        result.PurgedInstanceCount.ShouldBe(2);
        (await host.Client.GetInstanceAsync(a.InstanceId)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(b.InstanceId)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(before.InstanceId)).ShouldNotBeNull();
        (await host.Client.GetInstanceAsync(waiting)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_StaysPendingUntilThen()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1, new StartOrchestrationOptions(StartAt: startAt));
        var pending = await host.Client.GetInstanceAsync(id);
        var result = await host.WaitAsync(id);

        pending.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.LastUpdatedAt.ShouldBeGreaterThanOrEqualTo(startAt.AddSeconds(-1));
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Should.ThrowAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancel.Token));
    }

    [Fact]
    public async Task ClientAlone_NoWorker_CreatesTheHubAndSchedules()
    {
        var hub = AzureStorageTestHost.NewHub(azurite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(o => o.TaskHub = hub));
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var state = await client.GetInstanceAsync(id, getInputsAndOutputs: true);

        state.ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        state.ReadInputAs<int>().ShouldBe(1);
    }

    private static async Task<Page<OrchestrationMetadata>> FirstPageAsync(AsyncPageable<OrchestrationMetadata> pageable)
    {
        await foreach (var page in pageable.AsPages())
        {
            return page;
        }

        throw new InvalidOperationException("No page.");
    }

    private static async Task<List<OrchestrationMetadata>> ListAsync(AsyncPageable<OrchestrationMetadata> pageable)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var item in pageable)
        {
            list.Add(item);
        }

        return list;
    }
}
