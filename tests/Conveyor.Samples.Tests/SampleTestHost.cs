using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Samples.Tests;

/// <summary>
/// A durable worker running the batch engine with the sample jobs, a repository and a launcher, on names of their own
/// in the shared Azurite (the shape of Conveyor.Batch.Tests' BatchTestHost).
/// </summary>
internal sealed class SampleTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SampleTestHost(ServiceProvider services, DurableTaskWorker worker, DurableTaskClient client, SampleJobsOptions options)
    {
        _services = services;
        Worker = worker;
        Client = client;
        Options = options;
        Repository = services.GetRequiredService<IJobRepository>();
        Launcher = new JobLauncher(services.GetRequiredService<JobRegistry>(), Repository, client, TimeProvider.System);
    }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public IJobRepository Repository { get; }

    public JobLauncher Launcher { get; }

    /// <summary>Gets the options the sample jobs were registered with (unique containers and tables).</summary>
    public SampleJobsOptions Options { get; }

    /// <summary>Returns sample options on containers and tables no other test uses.</summary>
    public static SampleJobsOptions NewOptions(AzuriteFixture azurite, Uri? externalUserService = null) => new()
    {
        ConnectionString = azurite.ConnectionString,
        UploadsContainer = AzuriteFixture.UniqueName("up"),
        ResultsContainer = AzuriteFixture.UniqueName("res"),
        TablePrefix = AzuriteFixture.UniqueName("t"),
        ExternalUserService = new ExternalUserServiceOptions
        {
            BaseAddress = externalUserService ?? new Uri("http://127.0.0.1:9/"),
            RetryBackoff = TimeSpan.FromMilliseconds(20),
            Timeout = TimeSpan.FromSeconds(5),
        },
    };

    public static async Task<SampleTestHost> StartAsync(AzuriteFixture azurite, SampleJobsOptions options)
    {
        var registry = new JobRegistry().AddSampleJobs(options);
        var repository = new TableJobRepository(azurite.ConnectionString, AzuriteFixture.UniqueName("b"));
        await repository.CreateIfNotExistsAsync();
        var services = new ServiceCollection()
            .AddSingleton(registry)
            .AddSingleton<IJobRepository>(repository)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new BatchOptions { PartitionTimeBudget = TimeSpan.FromSeconds(2) }))
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
        return new SampleTestHost(services, worker, client, options);
    }

    /// <summary>Runs a job and waits until its orchestration has finished; returns the execution as stored.</summary>
    public async Task<JobExecution> RunAsync(string jobName, JobParameters parameters, TimeSpan? timeout = null) =>
        await WaitAsync(await Launcher.RunAsync(jobName, parameters, TestContext.Current.CancellationToken), timeout);

    /// <summary>Waits until the execution's orchestration has finished, then returns the execution as stored.</summary>
    public async Task<JobExecution> WaitAsync(JobExecution execution, TimeSpan? timeout = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        var orchestration = await Client.WaitForInstanceCompletionAsync(execution.ExecutionId, true, cancel.Token);
        orchestration.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"orchestration: {orchestration.FailureDetails}");
        return (await Repository.GetJobExecutionAsync(execution.ExecutionId)).ShouldNotBeNull();
    }

    public async Task<StepExecution> StepAsync(JobExecution execution, string stepName) =>
        (await Repository.GetStepExecutionAsync(execution.ExecutionId, stepName, TestContext.Current.CancellationToken)).ShouldNotBeNull();

    public async Task<List<SkippedItem>> SkipsAsync(JobExecution execution) =>
        await Repository.GetSkippedItemsAsync(execution.ExecutionId, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        Worker.Dispose();
        Client.Dispose();
        await _services.DisposeAsync();
    }
}
