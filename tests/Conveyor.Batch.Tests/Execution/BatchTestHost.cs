using Azure.Data.Tables;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>A durable worker running the batch engine, a repository and a launcher, on names of their own in the shared Azurite.</summary>
internal sealed class BatchTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BatchTestHost(ServiceProvider services, DurableTaskWorker worker, DurableTaskClient client)
    {
        _services = services;
        Worker = worker;
        Client = client;
        Repository = services.GetRequiredService<IJobRepository>();
        Launcher = new JobLauncher(services.GetRequiredService<JobRegistry>(), Repository, client, TimeProvider.System);
    }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public IJobRepository Repository { get; }

    public JobLauncher Launcher { get; }

    public static Task<BatchTestHost> StartAsync(AzuriteFixture azurite, params JobDefinition[] jobs) =>
        StartAsync(azurite, new BatchOptions { PartitionTimeBudget = TimeSpan.FromSeconds(2) }, jobs);

    public static Task<BatchTestHost> StartAsync(AzuriteFixture azurite, BatchOptions options, params JobDefinition[] jobs)
    {
        var registry = new JobRegistry();
        foreach (var job in jobs)
        {
            registry.Add(job);
        }

        return StartAsync(azurite, options, registry);
    }

    public static async Task<BatchTestHost> StartAsync(AzuriteFixture azurite, BatchOptions options, JobRegistry registry)
    {
        var repository = new TableJobRepository(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("b"));
        await repository.CreateIfNotExistsAsync();
        var services = new ServiceCollection()
            .AddSingleton(registry)
            .AddSingleton<IJobRepository>(repository)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(options))
            .BuildServiceProvider();
        var hub = new TaskHubOptions { ConnectionString = azurite.ConnectionString, TaskHubName = AzuriteFixture.UniqueName("hub"), PartitionCount = 2 };
        var workerOptions = new DurableTaskWorkerOptions
        {
            LeasePeriod = TimeSpan.FromSeconds(15),
            LeaseRenewInterval = TimeSpan.FromSeconds(2),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        var worker = new DurableTaskWorker(hub, workerOptions, new DurableTaskRegistry().AddConveyorBatch(), services);
        var client = DurableTaskClient.Create(hub);
        await client.CreateTaskHubIfNotExistsAsync();
        await worker.StartAsync(CancellationToken.None);
        return new BatchTestHost(services, worker, client);
    }

    /// <summary>Waits (two minutes unless told) until the execution's orchestration has finished, then returns the execution as stored.</summary>
    public async Task<JobExecution> WaitAsync(JobExecution execution, TimeSpan? timeout = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        var orchestration = await Client.WaitForInstanceCompletionAsync(execution.ExecutionId, true, cancel.Token);
        orchestration.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"orchestration: {orchestration.FailureDetails}");
        return (await Repository.GetJobExecutionAsync(execution.ExecutionId)).ShouldNotBeNull();
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        Worker.Dispose();
        Client.Dispose();
        await _services.DisposeAsync();
    }
}
