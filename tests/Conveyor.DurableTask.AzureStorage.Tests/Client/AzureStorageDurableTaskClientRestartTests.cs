using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.Testing;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace Conveyor.DurableTask.AzureStorage.Tests.Client;

/// <summary>RestartAsync and GetOrchestrationHistoryAsync, on a real task hub.</summary>
public sealed class AzureStorageDurableTaskClientRestartTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestartAsync_FinishedWithNewId_RunsTheSameOrchestratorWithTheOriginalInput()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());
        var first = await host.RunAsync("Chain", 3);

        var newId = await host.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: true, Ct);
        var second = await host.WaitAsync(newId);

        newId.ShouldNotBe(first.InstanceId);
        second.Name.ShouldBe("Chain");
        second.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        second.ReadInputAs<int>().ShouldBe(3);
        second.ReadOutputAs<long>().ShouldBe(3);
    }

    [Fact]
    public async Task RestartAsync_FinishedWithSameId_StartsANewExecutionUnderThatId()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input)));
        var first = await host.RunAsync("Echo", "hello");

        var id = await host.Client.RestartAsync(first.InstanceId, restartWithNewInstanceId: false, Ct);
        var again = await host.WaitUntilAsync(id, s => s.IsCompleted && s.CreatedAt > first.CreatedAt);

        id.ShouldBe(first.InstanceId);
        again.ReadOutputAs<string>().ShouldBe("hello");
    }

    [Fact]
    public async Task RestartAsync_RunningWithSameId_ThrowsInvalidOperation()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r
            .AddOrchestratorFunc<object?, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions(AzuriteFixture.UniqueName("inst")), Ct);
        await host.Client.WaitForInstanceStartAsync(id, Ct);

        var refused = await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => host.Client.RestartAsync(id, restartWithNewInstanceId: false, Ct));
        var copy = await host.Client.RestartAsync(id, restartWithNewInstanceId: true, Ct);

        refused.ShouldBeAssignableTo<InvalidOperationException>();
        refused.Message.ShouldContain(id);
        copy.ShouldNotBe(id);
        (await host.Client.GetInstanceAsync(copy, cancellation: Ct)).ShouldNotBeNull().Name.ShouldBe("Waits");
    }

    [Fact]
    public async Task RestartAsync_UnknownId_ThrowsArgumentException()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());

        await Should.ThrowAsync<ArgumentException>(() => host.Client.RestartAsync(AzuriteFixture.UniqueName("none"), true, Ct));
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_Completed_ReturnsTypedEventsInOrder()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());
        var done = await host.RunAsync("Chain", 2);

        var history = await host.Client.GetOrchestrationHistoryAsync(done.InstanceId, Ct);

        history[0].ShouldBeOfType<OrchestratorStartedEvent>();
        var started = history.OfType<ExecutionStartedEvent>().ShouldHaveSingleItem();
        started.Name.ShouldBe("Chain");
        started.Input.ShouldBe("2");
        var scheduled = history.OfType<TaskScheduledEvent>().ToList();
        scheduled.Count.ShouldBe(2);
        scheduled.ShouldAllBe(e => e.Name == "Increment" && e.EventId >= 0);
        var completed = history.OfType<TaskCompletedEvent>().ToList();
        completed.Select(e => e.TaskScheduledId).ShouldBe(scheduled.Select(e => e.EventId));
        completed[^1].Result.ShouldBe("2");
        var end = history.OfType<ExecutionCompletedEvent>().ShouldHaveSingleItem();
        history.IndexOf(end).ShouldBeGreaterThan(history.IndexOf(completed[^1]));
        end.OrchestrationStatus.ShouldBe(OrchestrationStatus.Completed);
        end.Result.ShouldBe("2");
        history.ShouldAllBe(e => e.Timestamp.Kind == DateTimeKind.Utc && e.Timestamp > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_UnknownId_ThrowsArgumentException()
    {
        await using var host = await AzureStorageTestHost.StartAsync(azurite, r => r.AddSamples());

        await Should.ThrowAsync<ArgumentException>(() => host.Client.GetOrchestrationHistoryAsync(AzuriteFixture.UniqueName("none"), Ct));
    }
}
