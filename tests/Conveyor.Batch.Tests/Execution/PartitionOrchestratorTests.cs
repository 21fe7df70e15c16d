using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Steps;
using Conveyor.Testing;
using Microsoft.DurableTask.Client;

namespace Conveyor.Batch.Tests.Execution;

public sealed class PartitionOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Partition_OutlivingItsTimeBudget_ContinuesInItsOwnOrchestration_EveryItemOnce()
    {
        var writer = new InMemoryItemWriter<int>();
        var job = new JobBuilder("long").Start(new StepBuilder("s").Chunk<int, int>(5)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 60)))
            .Processor(_ => new LambdaProcessor<int, int>(x =>
            {
                Thread.Sleep(20); // 60 items × 20 ms: several 300 ms budgets.
                return x;
            }))
            .Writer(_ => writer)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromMilliseconds(300) }, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("long", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        writer.Items.ShouldBe(Enumerable.Range(1, 60));
        var partitionRun = new PartitionRun("long", done.ExecutionId, "s", StartStepActivity.PartitionName("s", 0), PartitionSpec.Whole);
        var partition = (await host.Client.GetInstanceAsync(PartitionOrchestrator.InstanceId(partitionRun), getInputsAndOutputs: false, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        partition.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull().WriteCount.ShouldBe(60);
    }

    [Fact]
    public async Task Partition_WhoseBudgetIsSpentBeforeItsFirstChunk_StillCommitsOneEachRun_AndCompletes()
    {
        // A budget shorter than a run's start (its saves and the reader's open): on a loaded machine a run can spend its
        // whole budget before its first chunk. Each run must still commit a chunk, or three runs in a row end without a
        // checkpoint and the step fails as if a poison item had killed them.
        var writer = new InMemoryItemWriter<int>();
        var job = new JobBuilder("starved").Start(new StepBuilder("s").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 8)))
            .Writer(_ => writer)
            .Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, new BatchOptions { CheckpointInterval = TimeSpan.Zero, PartitionTimeBudget = TimeSpan.FromTicks(1) }, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("starved", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        writer.Items.ShouldBe(Enumerable.Range(1, 8));
    }
}
