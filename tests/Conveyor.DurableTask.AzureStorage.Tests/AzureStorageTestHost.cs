using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.TaskHub;
using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.DurableTask.AzureStorage.Worker;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conveyor.DurableTask.AzureStorage.Tests;

/// <summary>A host with a worker and a client on the Azure Storage backend, on a task hub of its own in the shared Azurite.</summary>
internal sealed class AzureStorageTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private AzureStorageTestHost(IHost host, AzureStorageTaskHubOptions hub)
    {
        _host = host;
        Hub = hub;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public AzureStorageTaskHubOptions Hub { get; }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public static AzureStorageTaskHubOptions NewHub(AzuriteFixture azurite, int partitions = 2) =>
        TestTaskHubs.Fast(azurite.ConnectionString, AzuriteFixture.UniqueName("hub"), partitions);

    /// <summary>Builds and starts a host; <paramref name="services"/> adds what activities get injected.</summary>
    public static async Task<AzureStorageTestHost> StartAsync(
        AzuriteFixture azurite,
        Action<DurableTaskRegistry> register,
        AzureStorageTaskHubOptions? hub = null,
        Action<IServiceCollection>? services = null)
    {
        hub ??= NewHub(azurite);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        services?.Invoke(builder.Services);
        if (Environment.GetEnvironmentVariable("CONVEYOR_TEST_LOG") is { Length: > 0 })
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information);
        }

        builder.Services.AddDurableTaskWorker(b => b.AddTasks(register).UseAzureStorage(o => o.TaskHub = hub));
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(o =>
        {
            o.TaskHub = hub;
            o.MaxStatusPollingInterval = TimeSpan.FromMilliseconds(100);
        }));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new AzureStorageTestHost(host, hub);
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
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
