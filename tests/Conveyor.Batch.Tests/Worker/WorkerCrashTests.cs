using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Repository;
using Conveyor.Batch.TestWorker;
using Conveyor.Batch.Tests.Partitioning;
using Conveyor.Batch.Hosting;
using Conveyor.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Row = Conveyor.Batch.Tests.Partitioning.PartitionedCsvTests.Row;

namespace Conveyor.Batch.Tests.Worker;

/// <summary>
/// Real batch worker processes killed with SIGKILL in the middle of a partitioned CSV-to-blob step: whether a new process
/// takes the execution over or the execution is recovered as FAILED and restarted, the output holds every input row
/// exactly once.
/// </summary>
public sealed class WorkerCrashTests(AzuriteFixture azurite)
{
    private const string JobName = "crash-transform";
    private const int Rows = 80_000;
    private const int Partitions = 4;
    private const int ChunkSize = 500;

    public enum Recovery
    {
        /// <summary>The orchestration is terminated (by an operator, say) while the execution still claims to run.</summary>
        Terminated,

        /// <summary>The orchestration is gone: the job runs on again from a new task hub (the old one was lost).</summary>
        TaskHubLost,
    }

    [Fact]
    public async Task KilledMidStep_NewProcessTakesOverWithinTheLease_EveryRowWrittenOnce()
    {
        await using var run = await CrashRun.CreateAsync(azurite, seed: 1);
        var victim = await run.StartWorkerAsync(run.Hub);
        await using (victim)
        {
            var execution = await (await run.LauncherAsync(run.Hub)).RunAsync(JobName, run.Parameters, TestContext.Current.CancellationToken);
            await run.KillMidStepAsync(victim, execution.ExecutionId, new Random(1));

            await using var survivor = await run.StartWorkerAsync(run.Hub);
            var done = await run.WaitAsync(run.Hub, execution.ExecutionId);

            done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
            await run.AssertEveryRowOnceAsync();
            var step = (await run.Repository.GetStepExecutionAsync(execution.ExecutionId, CsvTransformJob.StepName)).ShouldNotBeNull();
            (step.ReadCount, step.WriteCount).ShouldBe((Rows, Rows));
            step.Progress.ShouldBe(1);
        }
    }

    [Theory]
    [InlineData(Recovery.Terminated)]
    [InlineData(Recovery.TaskHubLost)]
    public async Task KilledMidStep_RecoveredAsFailedThenRestarted_EveryRowWrittenOnce(Recovery recovery)
    {
        await using var run = await CrashRun.CreateAsync(azurite, seed: 2 + (int)recovery);
        var victim = await run.StartWorkerAsync(run.Hub);
        await using (victim)
        {
            var first = await (await run.LauncherAsync(run.Hub)).RunAsync(JobName, run.Parameters, TestContext.Current.CancellationToken);
            await run.KillMidStepAsync(victim, first.ExecutionId, new Random(2 + (int)recovery));

            var hub = recovery == Recovery.TaskHubLost ? CrashRun.NewHub() : run.Hub;
            await using var survivor = await run.StartWorkerAsync(hub);
            if (recovery == Recovery.Terminated)
            {
                var client = await run.ClientAsync(hub);
                await client.TerminateInstanceAsync(first.ExecutionId, "operator", TestContext.Current.CancellationToken);
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                (await client.WaitForInstanceCompletionAsync(first.ExecutionId, false, timeout.Token)).RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
            }

            var second = await (await run.LauncherAsync(hub)).RestartAsync(first.ExecutionId, TestContext.Current.CancellationToken);
            var done = await run.WaitAsync(hub, second.ExecutionId);

            var recovered = (await run.Repository.GetJobExecutionAsync(first.ExecutionId)).ShouldNotBeNull();
            recovered.Status.ShouldBe(BatchStatus.Failed);
            recovered.ExitStatus.ExitDescription.ShouldContain("recovered");
            done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
            done.RestartOf.ShouldBe(first.ExecutionId);
            await run.AssertEveryRowOnceAsync();

            // The first execution's committed chunks plus the restart's make up the input exactly.
            var before = (await run.Repository.GetStepExecutionsAsync(first.ExecutionId)).Where(CrashRun.IsPartition).ToList();
            var step = (await run.Repository.GetStepExecutionAsync(second.ExecutionId, CsvTransformJob.StepName)).ShouldNotBeNull();
            (before.Sum(p => p.WriteCount) + step.WriteCount).ShouldBe(Rows);
            (before.Sum(p => p.ReadCount) + step.ReadCount).ShouldBe(Rows);
            step.Progress.ShouldBe(1);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public async Task TwoWorkers_OneKilledAtARandomMoment_JobCompletesWithEveryRowOnce(int seed)
    {
        var random = new Random(seed);
        await using var run = await CrashRun.CreateAsync(azurite, seed, rows: 20_000);
        var workers = new List<BatchWorkerProcess> { await run.StartWorkerAsync(run.Hub), await run.StartWorkerAsync(run.Hub) };
        try
        {
            var execution = await (await run.LauncherAsync(run.Hub)).RunAsync(JobName, run.Parameters, TestContext.Current.CancellationToken);

            // Any moment from the orchestration's first steps to the end of the partitions.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 4000)), TestContext.Current.CancellationToken);
            workers[random.Next(workers.Count)].Kill();
            workers.Add(await run.StartWorkerAsync(run.Hub));
            var done = await run.WaitAsync(run.Hub, execution.ExecutionId);

            done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
            await run.AssertEveryRowOnceAsync();
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task PoisonItem_KillsEveryWorkerThatRunsIt_StepFailsAfterTheBoundedAttemptsWithTheReason()
    {
        await using var run = await CrashRun.CreateAsync(azurite, seed: 30, rows: 10);
        var workers = new List<BatchWorkerProcess> { await run.StartWorkerAsync(run.Hub), await run.StartWorkerAsync(run.Hub) };
        try
        {
            var execution = await (await run.LauncherAsync(run.Hub)).RunAsync(PoisonJob.Name, new JobParameters(), TestContext.Current.CancellationToken);
            var client = await run.ClientAsync(run.Hub);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(4));
            while (await client.GetInstanceAsync(execution.ExecutionId, getInputsAndOutputs: false, timeout.Token) is not { IsCompleted: true })
            {
                // The poison item kills whichever worker runs it: keep two alive, as a platform's process manager would.
                for (var i = 0; i < workers.Count; i++)
                {
                    if (workers[i].HasExited)
                    {
                        await workers[i].DisposeAsync();
                        workers[i] = await run.StartWorkerAsync(run.Hub);
                    }
                }

                await Task.Delay(200, timeout.Token);
            }

            var done = (await run.Repository.GetJobExecutionAsync(execution.ExecutionId)).ShouldNotBeNull();
            done.Status.ShouldBe(BatchStatus.Failed);
            var step = (await run.Repository.GetStepExecutionAsync(execution.ExecutionId, "eat")).ShouldNotBeNull();
            step.Status.ShouldBe(BatchStatus.Failed);
            step.Failures.ShouldHaveSingleItem().ShouldStartWith($"{nameof(PartitionAttemptsExceededException)}: Partition 'eat:partition0' was started 3 times in a row");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>One job instance's world: an input blob, a repository, a task hub, and the workers started for it.</summary>
    private sealed class CrashRun : IAsyncDisposable
    {
        private readonly AzuriteFixture _azurite;
        private readonly Dictionary<string, IHost> _controls = [];

        private CrashRun(AzuriteFixture azurite, BlobContainerClient container, TableJobRepository repository, string prefix, List<Row> expected)
        {
            _azurite = azurite;
            Container = container;
            Repository = repository;
            RepositoryPrefix = prefix;
            Expected = expected;
            Hub = NewHub();
            Parameters = new JobParameters([
                new("container", new JobParameter(container.Name)),
                new("input", new JobParameter("input.csv")),
                new("output", new JobParameter("out/")),
                new("partitions", new JobParameter((long)Partitions)),
            ]);
        }

        public BlobContainerClient Container { get; }

        public TableJobRepository Repository { get; }

        public string RepositoryPrefix { get; }

        public List<Row> Expected { get; }

        public string Hub { get; }

        public JobParameters Parameters { get; }

        public static async Task<CrashRun> CreateAsync(AzuriteFixture azurite, int seed, int rows = Rows)
        {
            var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("crash"));
            await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
            var (bytes, expected) = PartitionedCsvTests.GenerateCsv(rows, seed);
            await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
            var prefix = AzuriteFixture.UniqueName("k");
            var repository = new TableJobRepository(new TableServiceClient(azurite.ConnectionString), prefix);
            await repository.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
            return new CrashRun(azurite, container, repository, prefix, expected);
        }

        public static string NewHub() => AzuriteFixture.UniqueName("hub");

        public static bool IsPartition(StepExecution step) => step.StepName.StartsWith(CsvTransformJob.StepName + ":", StringComparison.Ordinal);

        public Task<BatchWorkerProcess> StartWorkerAsync(string hub) =>
            BatchWorkerProcess.StartAsync(_azurite.ConnectionString, hub, RepositoryPrefix, JobName, ChunkSize);

        public async Task<JobLauncher> LauncherAsync(string hub) => (await ControlAsync(hub)).Services.GetRequiredService<JobLauncher>();

        public async Task<DurableTaskClient> ClientAsync(string hub) => (await ControlAsync(hub)).Services.GetRequiredService<DurableTaskClient>();

        /// <summary>Waits until a random share (10–60 %) of the rows is committed, then kills the worker at once.</summary>
        public async Task KillMidStepAsync(BatchWorkerProcess worker, string executionId, Random random)
        {
            var threshold = Rows * random.Next(10, 61) / 100;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await CommittedAsync() < threshold)
            {
                await Task.Delay(20, timeout.Token);
            }

            worker.Kill();
            var partitions = (await Repository.GetStepExecutionsAsync(executionId)).Where(IsPartition).ToList();
            partitions.Count.ShouldBe(Partitions);
            partitions.ShouldContain(p => p.Status != BatchStatus.Completed, "the kill should land in the middle of the step");

            async Task<long> CommittedAsync() =>
                (await Repository.GetStepExecutionsAsync(executionId, timeout.Token)).Where(IsPartition).Sum(p => p.WriteCount);
        }

        /// <summary>Waits until the execution's orchestration has finished, then returns the execution as stored.</summary>
        public async Task<JobExecution> WaitAsync(string hub, string executionId)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var orchestration = await (await ClientAsync(hub)).WaitForInstanceCompletionAsync(executionId, true, timeout.Token);
            orchestration.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, $"orchestration: {orchestration.FailureDetails}");
            return (await Repository.GetJobExecutionAsync(executionId)).ShouldNotBeNull();
        }

        /// <summary>The output blobs, one per partition, hold the input rows as a multiset: each exactly once.</summary>
        public async Task AssertEveryRowOnceAsync()
        {
            var ct = TestContext.Current.CancellationToken;
            var names = await Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "out/", cancellationToken: ct).Select(b => b.Name).ToListAsync(ct);
            names.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, Partitions).Select(i => $"out/part-{i:D3}.csv"));
            var actual = new List<Row>(Expected.Count);
            foreach (var name in names)
            {
                var reader = new CsvItemReader<Row>(Container.GetBlobClient(name), r => new Row(r[0], r[1], r[2]), new CsvItemReaderOptions { HasHeaderRow = false });
                await using (reader)
                {
                    while (await reader.ReadAsync(ct) is { HasItem: true } result)
                    {
                        actual.Add(result.Item);
                    }
                }
            }

            actual.Count.ShouldBe(Expected.Count);
            actual.Order().ShouldBe(Expected.Order());
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var control in _controls.Values)
            {
                await control.StopAsync(CancellationToken.None);
                control.Dispose();
            }
        }

        /// <summary>This test's side of a hub: a client, the repository and a launcher, without a worker (the processes run the jobs).</summary>
        private async Task<IHost> ControlAsync(string hub)
        {
            if (_controls.TryGetValue(hub, out var control))
            {
                return control;
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddConveyor(options =>
                {
                    options.ConnectionString = _azurite.ConnectionString;
                    options.TaskHubName = hub;
                    options.TablePrefix = RepositoryPrefix;
                    options.PartitionCount = 4;
                    options.RunWorker = false;
                })
                .AddJobs((registry, services) => registry.Add(CsvTransformJob.Create(services.GetRequiredService<BlobServiceClient>(), JobName, ChunkSize)).Add(PoisonJob.Create()));
            control = builder.Build();
            await control.StartAsync(TestContext.Current.CancellationToken);
            _controls[hub] = control;
            return control;
        }
    }
}
