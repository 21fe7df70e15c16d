using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Conveyor.Storage.Pipeline;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Durable.Tests;

/// <summary>A worker and a client on a task hub of its own (unique name) in the shared Azurite.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableTestHost(TaskHubOptions hub, DurableTaskRegistry registry, DurableTaskWorkerOptions workerOptions)
    {
        Hub = hub;
        Registry = registry;
        _services = new ServiceCollection().BuildServiceProvider();
        Worker = new DurableTaskWorker(hub, workerOptions, registry, _services);
        Client = DurableTaskClient.Create(hub);
    }

    public TaskHubOptions Hub { get; }

    public DurableTaskRegistry Registry { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public static TaskHubOptions NewHub(AzuriteFixture azurite, int partitions = 2, Action<StorageClientOptions>? configureStorage = null) => new()
    {
        ConnectionString = azurite.ConnectionString,
        TaskHubName = AzuriteFixture.UniqueName("hub"),
        PartitionCount = partitions,
        ConfigureStorageOptions = configureStorage,
    };

    public static DurableTaskWorkerOptions FastWorkerOptions() => new()
    {
        LeasePeriod = TimeSpan.FromSeconds(15),
        LeaseRenewInterval = TimeSpan.FromSeconds(2),
        MaxPollingInterval = TimeSpan.FromMilliseconds(250),
        ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(10),
        WorkItemVisibilityTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<DurableTestHost> StartAsync(
        AzuriteFixture azurite, Action<DurableTaskRegistry> register, TaskHubOptions? hub = null, DurableTaskWorkerOptions? workerOptions = null)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        var host = new DurableTestHost(hub ?? NewHub(azurite), registry, workerOptions ?? FastWorkerOptions());
        await host.Client.CreateTaskHubIfNotExistsAsync();
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Schedules an instance and waits for it to finish (at most two minutes).</summary>
    public async Task<OrchestrationMetadata> RunAsync(string orchestrator, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until a condition on the instance holds (at most a minute).</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var state = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (state is not null && condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance '{instanceId}' did not reach the expected state; last status {state?.RuntimeStatus}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        Worker.Dispose();
        Client.Dispose();
        await _services.DisposeAsync();
    }
}
