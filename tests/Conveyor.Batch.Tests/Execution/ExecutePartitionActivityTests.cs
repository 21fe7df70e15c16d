using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Testing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

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

    private sealed class RedeliveredContext(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => BatchTaskNames.ExecutePartition;

        public override string InstanceId => instanceId;
    }
}
