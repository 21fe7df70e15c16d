using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Item;
using Conveyor.Batch.Steps;
using Conveyor.Testing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.Execution;

public sealed class ExecutePartitionActivityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_CompletedPartitionDeliveredAgain_ChangesNothing()
    {
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var output = container.GetBlobClient("out.csv");
        var job = new JobBuilder("redelivered").Start(new StepBuilder("s").Chunk<int, int>(3)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 10)))
            .Writer(_ => new BlobItemWriter<int>(output, new BlobItemWriterOptions<int> { Header = ["n"], CsvFields = x => [x.ToString(CultureInfo.InvariantCulture)] }))
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);
        var done = await host.WaitAsync(await host.Launcher.RunAsync("redelivered", new JobParameters()));
        var partitionName = StartStepActivity.PartitionName("s", 0);
        var before = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, partitionName)).ShouldNotBeNull();
        var blobBefore = (await output.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ETag;

        // The engine delivers the same activity message again (a crash between the activity's end and its ack).
        var activity = ActivatorUtilities.CreateInstance<ExecutePartitionActivity>(host.Services);
        var outcome = await activity.RunAsync(new RedeliveredContext(done.ExecutionId), new PartitionRun("redelivered", done.ExecutionId, "s", partitionName, PartitionSpec.Whole));

        outcome.Status.ShouldBe(BatchStatus.Completed);
        var after = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, partitionName)).ShouldNotBeNull();
        after.Version.ShouldBe(before.Version);
        (after.ReadCount, after.WriteCount, after.CommitCount).ShouldBe((10L, 10L, before.CommitCount));
        (await output.GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ETag.ShouldBe(blobBefore);
        (await Samples.SampleData.DownloadLinesAsync(output)).ShouldBe(["n", .. Enumerable.Range(1, 10).Select(x => x.ToString(CultureInfo.InvariantCulture))]);
    }

    [Fact]
    public async Task RunAsync_AnotherRunCompletesThePartitionWhileThisOneOpens_StepsAsideLeavingTheOutputWhole()
    {
        var container = await Samples.SampleData.ContainerAsync(azurite);
        var output = container.GetBlobClient("out.csv");
        var opening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = 0;
        var job = new JobBuilder("overtaken").Start(new StepBuilder("s").Chunk<int, int>(3)
            .Reader(_ => Interlocked.Increment(ref readers) == 1
                ? new PausedItemReader(Enumerable.Range(1, 10), opening, resume.Task)
                : new InMemoryItemReader<int>(Enumerable.Range(1, 10)))
            .Writer(_ => new BlobItemWriter<int>(output, new BlobItemWriterOptions<int> { Header = ["n"], CsvFields = x => [x.ToString(CultureInfo.InvariantCulture)] }))
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero }, job);
        var started = await host.Launcher.RunAsync("overtaken", new JobParameters());
        var partitionName = StartStepActivity.PartitionName("s", 0);

        // The engine's run has counted itself and is opening its reader when the same message runs again elsewhere and
        // completes the partition; then the first run goes on.
        await opening.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var activity = ActivatorUtilities.CreateInstance<ExecutePartitionActivity>(host.Services);
        var other = await activity.RunAsync(new RedeliveredContext(started.ExecutionId), new PartitionRun("overtaken", started.ExecutionId, "s", partitionName, PartitionSpec.Whole));
        resume.SetResult();
        var done = await host.WaitAsync(started);

        other.Status.ShouldBe(BatchStatus.Completed);
        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        (await Samples.SampleData.DownloadLinesAsync(output)).ShouldBe(["n", .. Enumerable.Range(1, 10).Select(x => x.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>An in-memory reader whose <see cref="OpenAsync"/> waits until the test lets it go on.</summary>
    private sealed class PausedItemReader(IEnumerable<int> items, TaskCompletionSource opening, Task resume) : IItemReader<int>, IItemStream
    {
        private readonly InMemoryItemReader<int> _inner = new(items);

        public ValueTask<ReadResult<int>> ReadAsync(CancellationToken cancellationToken = default) => _inner.ReadAsync(cancellationToken);

        public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
        {
            opening.SetResult();
            await resume.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            await _inner.OpenAsync(executionContext, cancellationToken);
        }

        public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) => _inner.UpdateAsync(executionContext, cancellationToken);

        public Task CloseAsync(CancellationToken cancellationToken = default) => _inner.CloseAsync(cancellationToken);
    }

    private sealed class RedeliveredContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => BatchTaskNames.ExecutePartition;

        public override string InstanceId => instanceId;
    }
}
