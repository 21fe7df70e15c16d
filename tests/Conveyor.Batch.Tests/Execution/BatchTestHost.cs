using Azure.Core;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Testing;
using Conveyor.Testing.Faults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>
/// A host running the batch engine as an app does (<c>AddConveyor</c>: a durable worker and client on the Azure Storage
/// engine, the repository, a launcher), on a task hub and tables of its own in the shared Azurite.
/// </summary>
internal sealed class BatchTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BatchTestHost(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
        Repository = host.Services.GetRequiredService<IJobRepository>();
        Launcher = host.Services.GetRequiredService<JobLauncher>();
    }

    public IServiceProvider Services => _host.Services;

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

    /// <summary>Starts a host; <paramref name="faults"/>, when given, sits in the pipeline of every storage client, Conveyor's and the engine's.</summary>
    public static async Task<BatchTestHost> StartAsync(AzuriteFixture azurite, BatchOptions options, JobRegistry registry, FaultInjectionPolicy? faults = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (Environment.GetEnvironmentVariable("CONVEYOR_TEST_LOGS") is not { Length: > 0 })
        {
            builder.Logging.ClearProviders();
        }

        builder.Services.AddConveyor(conveyor =>
        {
            conveyor.ConnectionString = azurite.ConnectionString;
            conveyor.TaskHubName = AzuriteFixture.UniqueName("hub");
            conveyor.TablePrefix = AzuriteFixture.UniqueName("b");
            conveyor.PartitionCount = 2;
            conveyor.Batch.PartitionTimeBudget = options.PartitionTimeBudget;
            conveyor.Batch.CheckpointInterval = options.CheckpointInterval;
            conveyor.Batch.MaxPartitionAttempts = options.MaxPartitionAttempts;
            conveyor.TaskHub = hub =>
            {
                FastTaskHub.Apply(hub);
                if (faults is not null)
                {
                    hub.ConfigureClientOptions = o => o.AddPolicy(faults, HttpPipelinePosition.PerRetry);
                }
            };
        });
        if (faults is not null)
        {
            builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(faults, HttpPipelinePosition.PerRetry)));
        }

        builder.Services.AddSingleton(registry);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new BatchTestHost(host);
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
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
