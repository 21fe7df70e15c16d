using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.TestWorker;
using Conveyor.Batch.Tests.Partitioning;
using Conveyor.Testing;
using Conveyor.Testing.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>
/// Storage faults in Conveyor's clients and the engine's: 5% of requests fail, before they take effect (500, 503,
/// timeouts) or after (the answer of an applied request is lost, so the retry finds it done: 409, 412, 404, a duplicate
/// message, an activity delivered twice); and single faults aimed at the exact request that once lost rows.
/// </summary>
public sealed class StorageFaultTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PartitionedCsvJob_FivePercentInjectedFaults_CompletesWithEveryRowOnce()
    {
        const int Rows = 4_000;
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var (bytes, expected) = PartitionedCsvTests.GenerateCsv(Rows, seed: 5);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var faults = new FaultInjectionPolicy(seed: 5) { FailureRate = 0, Faults = InjectedFaults.All };
        var registry = new JobRegistry();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(2) }, registry, faults);
        registry.Add(CsvTransformJob.Create(host.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), "faulty", chunkSize: 100));

        // The start is the caller's request (it may fail under faults and be retried by the caller); the run is the engine's.
        var started = await host.Launcher.RunAsync("faulty", Parameters(container.Name, partitions: 4));
        faults.FailureRate = 0.05;
        var done = await host.WaitAsync(started, TimeSpan.FromMinutes(4));
        faults.FailureRate = 0;

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        faults.InjectedCount.ShouldBeGreaterThan(0);
        var actual = await ReadOutputAsync(container, 4);
        actual.Count.ShouldBe(Rows);
        actual.Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task PartitionedCsvJob_PartitionActivityFailsThroughEveryRetry_RunsAgainAndWritesEveryRowOnce()
    {
        const int Rows = 2_000;
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var (bytes, expected) = PartitionedCsvTests.GenerateCsv(Rows, seed: 7);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var faults = new FaultInjectionPolicy();

        // Partition 1's row is read once by the step-start activity, then by the partition's activity: its first read
        // fails all four of Azure.Core's attempts, so the activity throws instead of returning an outcome.
        var rule = faults.Add(new FaultRule(InjectedFaults.Status500, r => r.Method == Azure.Core.RequestMethod.Get && IsRowOf(r, "transform:partition1")) { Skip = 1, Times = 4 });
        var registry = new JobRegistry();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(2) }, registry, faults);
        registry.Add(CsvTransformJob.Create(host.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), "thrown", chunkSize: 100));

        var done = await host.WaitAsync(await host.Launcher.RunAsync("thrown", Parameters(container.Name, partitions: 2)), TimeSpan.FromMinutes(2));

        rule.Injected.ShouldBe(4);
        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var actual = await ReadOutputAsync(container, 2);
        actual.Count.ShouldBe(Rows);
        actual.Order().ShouldBe(expected.Order());
    }

    [Fact]
    public async Task PartitionedCsvJob_PartitionActivityKeepsFailing_FailsTheStepNamingThePartition()
    {
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var (bytes, _) = PartitionedCsvTests.GenerateCsv(1_000, seed: 8);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var faults = new FaultInjectionPolicy();

        // Every attempt of every run of partition 1's activity fails its first read (three runs of four attempts).
        faults.Add(new FaultRule(InjectedFaults.Status503, r => r.Method == Azure.Core.RequestMethod.Get && IsRowOf(r, "transform:partition1")) { Skip = 1, Times = 12 });
        var registry = new JobRegistry();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(2) }, registry, faults);
        registry.Add(CsvTransformJob.Create(host.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), "broken", chunkSize: 100));

        var done = await host.WaitAsync(await host.Launcher.RunAsync("broken", Parameters(container.Name, partitions: 2)), TimeSpan.FromMinutes(2));

        done.Status.ShouldBe(BatchStatus.Failed);
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, CsvTransformJob.StepName)).ShouldNotBeNull();
        step.Status.ShouldBe(BatchStatus.Failed);
        step.Failures.ShouldContain(f => f.Contains("'transform:partition1' ended without an outcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PartitionedCsvJob_CheckpointAppliedButEveryAnswerLost_RunsAgainFromItAndWritesEveryRowOnce()
    {
        const int Rows = 2_000;
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var (bytes, expected) = PartitionedCsvTests.GenerateCsv(Rows, seed: 9);
        await container.GetBlobClient("input.csv").UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var faults = new FaultInjectionPolicy();

        // Partition 1's writes of its row: the run's start, its first checkpoint, then its second checkpoint, which is
        // stored though its answer is lost; the three retries fail too, so the run sees a 500, not the 412 that would
        // tell it the row changed. (A rule counts only the attempts that the rules before it let through.)
        static bool IsWrite(Azure.Core.Request r) => r.Method == Azure.Core.RequestMethod.Put && IsRowOf(r, "transform:partition1");
        var lost = faults.Add(new FaultRule(InjectedFaults.FailAfterSend, IsWrite) { Skip = 2 });
        var failed = faults.Add(new FaultRule(InjectedFaults.Status500, IsWrite) { Skip = 2, Times = 3 });
        var registry = new JobRegistry();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromSeconds(30) }, registry, faults);
        registry.Add(CsvTransformJob.Create(host.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), "lost", chunkSize: 100));

        var done = await host.WaitAsync(await host.Launcher.RunAsync("lost", Parameters(container.Name, partitions: 2)), TimeSpan.FromMinutes(2));

        (lost.Injected, failed.Injected).ShouldBe((1, 3));
        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var actual = await ReadOutputAsync(container, 2);
        actual.Count.ShouldBe(Rows);
        actual.Order().ShouldBe(expected.Order());
    }

    private static bool IsRowOf(Azure.Core.Request request, string rowKey) =>
        Uri.UnescapeDataString(request.Uri.ToString()) is var uri && uri.Contains("StepExecutions(", StringComparison.Ordinal) && uri.Contains($"RowKey='{rowKey}'", StringComparison.Ordinal);

    private static JobParameters Parameters(string container, long partitions) => new([
        new("container", new JobParameter(container)),
        new("input", new JobParameter("input.csv")),
        new("output", new JobParameter("out/")),
        new("partitions", new JobParameter(partitions)),
    ]);

    private static async Task<List<PartitionedCsvTests.Row>> ReadOutputAsync(Azure.Storage.Blobs.BlobContainerClient container, int partitions)
    {
        var actual = new List<PartitionedCsvTests.Row>();
        for (var i = 0; i < partitions; i++)
        {
            var reader = new CsvItemReader<PartitionedCsvTests.Row>(
                container.GetBlobClient($"out/part-{i:D3}.csv"), r => new PartitionedCsvTests.Row(r[0], r[1], r[2]), new CsvItemReaderOptions { HasHeaderRow = false });
            await using (reader)
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken) is { HasItem: true } result)
                {
                    actual.Add(result.Item);
                }
            }
        }

        return actual;
    }
}
