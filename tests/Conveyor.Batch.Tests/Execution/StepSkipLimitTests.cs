using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Tests.Steps;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Execution;

/// <summary>The skip limit counts across the whole step: all partitions, re-scheduled runs and restarts.</summary>
public sealed class StepSkipLimitTests(AzuriteFixture azurite)
{
    // Two partitions, two bad records each: four skips in the step, two in each partition.
    private static readonly string[][] Inputs = [["a1", "bad", "a2", "bad"], ["b1", "bad", "b2", "bad"]];

    [Fact]
    public async Task Run_LimitThree_TwoPartitionsWithTwoBadRecordsEach_StepFailsWithSkipLimitExceeded()
    {
        await using var host = await BatchTestHost.StartAsync(azurite, SkippingJob("limit3", skipLimit: 3));

        var done = await host.WaitAsync(await host.Launcher.RunAsync("limit3", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Failed);
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull();
        step.Status.ShouldBe(BatchStatus.Failed);
        step.Failures.ShouldContain(f => f.StartsWith(nameof(SkipLimitExceededException), StringComparison.Ordinal) && f.Contains("Skip limit of 3 exceeded"));
    }

    [Fact]
    public async Task Run_LimitFour_TwoPartitionsWithTwoBadRecordsEach_Completes()
    {
        await using var host = await BatchTestHost.StartAsync(azurite, SkippingJob("limit4", skipLimit: 4));

        var done = await host.WaitAsync(await host.Launcher.RunAsync("limit4", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var step = (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "s")).ShouldNotBeNull();
        (step.ProcessSkipCount, step.WriteCount).ShouldBe((4L, 4L));
    }

    [Fact]
    public async Task Restart_AfterSkipLimitExceeded_CountIsNotReset_FailsAgain()
    {
        await using var host = await BatchTestHost.StartAsync(azurite, SkippingJob("restarted", skipLimit: 3));
        var first = await host.WaitAsync(await host.Launcher.RunAsync("restarted", new JobParameters()));

        var second = await host.WaitAsync(await host.Launcher.RestartAsync(first.ExecutionId));

        first.Status.ShouldBe(BatchStatus.Failed);
        second.Status.ShouldBe(BatchStatus.Failed);
        var step = (await host.Repository.GetStepExecutionAsync(second.ExecutionId, "s")).ShouldNotBeNull();
        step.Failures.ShouldContain(f => f.Contains("Skip limit of 3 exceeded"));
    }

    private static JobDefinition SkippingJob(string name, int skipLimit) =>
        new JobBuilder(name).Start(new StepBuilder("s").Chunk<string, string>(10)
            .Reader(c => new InMemoryItemReader<string>(Inputs[c.Partition.Index]))
            .Processor(_ => new LambdaProcessor<string, string>(item => item == "bad" ? throw new FormatException("bad record") : item))
            .Writer(_ => new InMemoryItemWriter<string>())
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(FormatException)], SkipLimit = skipLimit })
            .Partitioner(new TwoPartitions(), maxParallel: 2)
            .Build()).Build();

    private sealed class TwoPartitions : IPartitioner
    {
        public Task<IReadOnlyList<PartitionSpec>> PartitionAsync(JobParameters parameters, IServiceProvider services, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PartitionSpec>>([new(0, 2, new Dictionary<string, string>()), new(1, 2, new Dictionary<string, string>())]);
    }
}
