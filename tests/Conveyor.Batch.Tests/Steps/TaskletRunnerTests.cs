using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Steps;

public sealed class TaskletRunnerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Tasklet_StoppedAfterTheSecondIteration_RestartResumesAtTheThird_WithItsCheckpoint()
    {
        var tasklet = new CountingTasklet(iterations: 3);
        var log = new CallLog();
        var job = new JobBuilder("tasks").Start(new StepBuilder("t").Tasklet(tasklet).Listener(new RecordingListener<int, int>(log)).Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);
        tasklet.OnIteration = async (iteration, executionId) =>
        {
            if (iteration == 2)
            {
                await host.Launcher.StopAsync(executionId);
            }
        };

        var stopped = await host.WaitAsync(await host.Launcher.RunAsync("tasks", new JobParameters()));

        stopped.Status.ShouldBe(BatchStatus.Stopped);
        tasklet.Calls.ShouldBe(["1 seen=", "2 seen=1"]);
        var first = (await host.Repository.GetStepExecutionAsync(stopped.ExecutionId, "t")).ShouldNotBeNull();
        (first.Status, first.CommitCount, first.WriteCount).ShouldBe((BatchStatus.Stopped, 2L, 2L));

        var restarted = await host.WaitAsync(await host.Launcher.RestartAsync(stopped.ExecutionId));

        restarted.Status.ShouldBe(BatchStatus.Completed);
        tasklet.Calls.ShouldBe(["1 seen=", "2 seen=1", "3 seen=1,2"]);
        var second = (await host.Repository.GetStepExecutionAsync(restarted.ExecutionId, "t")).ShouldNotBeNull();
        (second.Status, second.CommitCount, second.WriteCount).ShouldBe((BatchStatus.Completed, 1L, 1L));
        log.Calls.ShouldBe(
        [
            "beforeStep t Started", "beforeChunk", "afterChunk", "beforeChunk", "afterChunk", "afterStep t Stopped STOPPED read=0 written=2",
            "beforeStep t Started", "beforeChunk", "afterChunk", "afterStep t Completed COMPLETED read=0 written=1",
        ]);
    }

    [Fact]
    public async Task Tasklet_ThatThrows_FailsTheStepWithItsMessage_AndRestartRepeatsTheUncommittedIteration()
    {
        var tasklet = new CountingTasklet(iterations: 2) { FailOnceAt = 2 };
        var job = new JobBuilder("failing-tasks").Start(new StepBuilder("t").Tasklet(tasklet).Build()).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var failed = await host.WaitAsync(await host.Launcher.RunAsync("failing-tasks", new JobParameters()));
        failed.Status.ShouldBe(BatchStatus.Failed);
        failed.ExitStatus.ExitDescription.ShouldContain("iteration 2 failed");

        var restarted = await host.WaitAsync(await host.Launcher.RestartAsync(failed.ExecutionId));
        restarted.Status.ShouldBe(BatchStatus.Completed);
        tasklet.Calls.ShouldBe(["1 seen=", "2 seen=1", "2 seen=1"]);
    }

    /// <summary>Runs <c>iterations</c> times; each call records its number and the numbers earlier calls saved in the execution context.</summary>
    private sealed class CountingTasklet(int iterations) : ITasklet
    {
        private readonly CallLog _calls = new();

        public Func<long, string, Task>? OnIteration { get; set; }

        public int FailOnceAt { get; init; }

        public IReadOnlyList<string> Calls => _calls.Calls;

        public async ValueTask<RepeatStatus> ExecuteAsync(StepContribution contribution, ChunkContext chunkContext, CancellationToken cancellationToken)
        {
            var seen = chunkContext.ExecutionContext.Get<List<long>>("seen") ?? [];
            _calls.Add($"{chunkContext.Iteration} seen={string.Join(",", seen)}");
            if (chunkContext.Iteration == FailOnceAt && _calls.Calls.Count(c => c.StartsWith($"{FailOnceAt} ", StringComparison.Ordinal)) == 1)
            {
                throw new InvalidOperationException($"iteration {FailOnceAt} failed");
            }

            chunkContext.ExecutionContext.Put("seen", seen.Append(chunkContext.Iteration).ToList());
            contribution.IncrementWriteCount();
            if (OnIteration is not null)
            {
                await OnIteration(chunkContext.Iteration, chunkContext.StepContext.JobExecutionId);
            }

            return chunkContext.Iteration < iterations ? RepeatStatus.Continuable : RepeatStatus.Finished;
        }
    }
}
