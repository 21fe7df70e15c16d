using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Tests.Execution;
using Microsoft.DurableTask.Client;
using Conveyor.Testing;

namespace Conveyor.Samples.Tests;

/// <summary>
/// Conveyor.Batch.Tests' <see cref="BatchTestHost"/> (the same file, linked) with the sample jobs registered on
/// containers and tables of their own.
/// </summary>
internal sealed class SampleTestHost : IAsyncDisposable
{
    private readonly BatchTestHost _host;

    private SampleTestHost(BatchTestHost host, SampleJobsOptions options)
    {
        _host = host;
        Options = options;
    }

    public DurableTaskClient Client => _host.Client;

    public IJobRepository Repository => _host.Repository;

    public JobLauncher Launcher => _host.Launcher;

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

    public static async Task<SampleTestHost> StartAsync(AzuriteFixture azurite, SampleJobsOptions options) =>
        new(await BatchTestHost.StartAsync(azurite, new BatchOptions { PartitionTimeBudget = TimeSpan.FromSeconds(2) }, new JobRegistry().AddSampleJobs(options)), options);

    /// <summary>Runs a job and waits until its orchestration has finished; returns the execution as stored.</summary>
    public async Task<JobExecution> RunAsync(string jobName, JobParameters parameters, TimeSpan? timeout = null) =>
        await WaitAsync(await Launcher.RunAsync(jobName, parameters, TestContext.Current.CancellationToken), timeout);

    public Task<JobExecution> WaitAsync(JobExecution execution, TimeSpan? timeout = null) => _host.WaitAsync(execution, timeout);

    public async Task<StepExecution> StepAsync(JobExecution execution, string stepName) =>
        (await Repository.GetStepExecutionAsync(execution.ExecutionId, stepName, TestContext.Current.CancellationToken)).ShouldNotBeNull();

    public async Task<List<SkippedItem>> SkipsAsync(JobExecution execution) =>
        await Repository.GetSkippedItemsAsync(execution.ExecutionId, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
