using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Steps;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.Execution;

public sealed class JobOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Decider_RoutesByItsDecision_BothWays_CalledOnceWithTheLastStep_AndRecorded()
    {
        var log = new CallLog();
        var decisions = new CallLog();
        var decider = JobExecutionDecider.Create((job, step) =>
        {
            decisions.Add($"{step?.StepName} {step?.Status} {step?.WriteCount}");
            return job.Parameters.GetLong("n") % 2 == 0 ? new FlowExecutionStatus("EVEN") : new FlowExecutionStatus("ODD");
        });
        var odd = RecordingTasklet.Step("odd", log);
        var even = RecordingTasklet.Step("even", log);
        var job = new JobBuilder("parity").Start(RecordingTasklet.Step("count", log))
            .Next(decider, "parity").On("ODD").To(odd)
            .From(decider).On("EVEN").To(even)
            .Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var one = await host.WaitAsync(await host.Launcher.RunAsync("parity", new JobParameters([new("n", new JobParameter(1L))])));
        log.Calls.ShouldBe(["count", "odd"]);
        log.Clear();
        var two = await host.WaitAsync(await host.Launcher.RunAsync("parity", new JobParameters([new("n", new JobParameter(2L))])));
        log.Calls.ShouldBe(["count", "even"]);

        (one.Status, one.ExitStatus.ExitCode, two.Status).ShouldBe((BatchStatus.Completed, "COMPLETED", BatchStatus.Completed));
        decisions.Calls.ShouldBe(["count Completed 1", "count Completed 1"]);
        ExecutionContext.FromJson(one.ExecutionContextJson).Get<string>("batch.decision.parity").ShouldBe("ODD");
        ExecutionContext.FromJson(two.ExecutionContextJson).Get<string>("batch.decision.parity").ShouldBe("EVEN");
        (await host.Repository.GetStepExecutionAsync(one.ExecutionId, "even")).ShouldBeNull();
    }

    [Fact]
    public async Task Decider_Async_ThatThrows_FailsTheJobWithItsMessage()
    {
        var log = new CallLog();
        var decider = JobExecutionDecider.Create(async (job, step, ct) =>
        {
            await Task.Yield();
            throw new InvalidDataException("cannot decide");
        });
        var job = new JobBuilder("undecided").Start(decider).On("*").To(RecordingTasklet.Step("never", log)).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("undecided", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Failed);
        done.ExitStatus.ExitDescription.ShouldBe("Decider 'decision1' failed: InvalidDataException: cannot decide");
        log.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task StopAndRestart_StopsTheJob_AndTheRestartResumesAtTheNamedStep()
    {
        var log = new CallLog();
        var first = RecordingTasklet.Step("first", log);
        var second = RecordingTasklet.Step("second", log);
        var third = RecordingTasklet.Step("third", log);
        var job = new JobBuilder("pausing").Start(first).Next(second).From(second).On("COMPLETED").StopAndRestart(third).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var stopped = await host.WaitAsync(await host.Launcher.RunAsync("pausing", new JobParameters()));

        (stopped.Status, stopped.ExitStatus.ExitCode).ShouldBe((BatchStatus.Stopped, "STOPPED"));
        log.Calls.ShouldBe(["first", "second"]);
        ExecutionContext.FromJson(stopped.ExecutionContextJson).Get<string>("batch.restartStep").ShouldBe("third");

        var restarted = await host.WaitAsync(await host.Launcher.RestartAsync(stopped.ExecutionId));

        restarted.Status.ShouldBe(BatchStatus.Completed);
        log.Calls.ShouldBe(["first", "second", "third"]);
        (await host.Repository.GetStepExecutionsAsync(restarted.ExecutionId)).Where(s => !s.StepName.Contains(':', StringComparison.Ordinal)).Select(s => s.StepName).ShouldBe(["third"]);
    }

    [Fact]
    public async Task StopAndRestart_RestartThatFailsAtTheNamedStep_RestartsThereAgain()
    {
        var log = new CallLog();
        var failures = 1;
        var third = RecordingTasklet.Step("third", log, fail: () => Interlocked.Decrement(ref failures) >= 0);
        var job = new JobBuilder("pausing-twice").Start(RecordingTasklet.Step("first", log)).On("COMPLETED").StopAndRestart(third).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var stopped = await host.WaitAsync(await host.Launcher.RunAsync("pausing-twice", new JobParameters()));
        var failed = await host.WaitAsync(await host.Launcher.RestartAsync(stopped.ExecutionId));
        var done = await host.WaitAsync(await host.Launcher.RestartAsync(failed.ExecutionId));

        (stopped.Status, failed.Status, done.Status).ShouldBe((BatchStatus.Stopped, BatchStatus.Failed, BatchStatus.Completed));
        log.Calls.ShouldBe(["first", "third", "third"]);
    }

    [Fact]
    public async Task AfterStep_ChangesTheExitStatus_AndTheTransitionsFollowIt()
    {
        var log = new CallLog();
        var flagged = new StepBuilder("load").Tasklet(new RecordingTasklet(log))
            .Listener(new RecordingListener<int, int>(new CallLog()) { AfterStep = s => new ExitStatus("COMPLETED WITH SKIPS") })
            .Build();
        var job = new JobBuilder("flagging").Start(flagged)
            .On("COMPLETED WITH SKIPS").To(RecordingTasklet.Step("report", log))
            .From(flagged).On("COMPLETED").To(RecordingTasklet.Step("archive", log))
            .Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var done = await host.WaitAsync(await host.Launcher.RunAsync("flagging", new JobParameters()));

        done.Status.ShouldBe(BatchStatus.Completed);
        log.Calls.ShouldBe(["load", "report"]);
        (await host.Repository.GetStepExecutionAsync(done.ExecutionId, "load")).ShouldNotBeNull().ExitStatus.ExitCode.ShouldBe("COMPLETED WITH SKIPS");
    }

    [Fact]
    public async Task JobListeners_AfterJobChangesTheExitCode_AndAFailingBeforeJobFailsTheJobBeforeAnyStep()
    {
        var log = new CallLog();
        var calls = new CallLog();
        var renaming = new JobBuilder("renamed").Listener(new RecordingListener<int, int>(calls) { AfterJob = e => e.ExitStatus = new ExitStatus("ALL DONE") })
            .Start(RecordingTasklet.Step("s", log)).Build();
        var refusing = new JobBuilder("refused").Listener(new RecordingListener<int, int>(calls)).Listener(new FailingBeforeJob())
            .Start(RecordingTasklet.Step("never", log)).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, renaming, refusing);

        var renamed = await host.WaitAsync(await host.Launcher.RunAsync("renamed", new JobParameters()));
        var refused = await host.WaitAsync(await host.Launcher.RunAsync("refused", new JobParameters()));

        (renamed.Status, renamed.ExitStatus.ExitCode).ShouldBe((BatchStatus.Completed, "ALL DONE"));
        (refused.Status, refused.ExitStatus.ExitCode).ShouldBe((BatchStatus.Failed, "FAILED"));
        refused.Failures.ShouldBe(["ListenerFailedException: Listener callback BeforeJob failed: not today"]);
        log.Calls.ShouldBe(["s"]);
        calls.Calls.ShouldBe(["beforeJob Started", "afterJob Completed COMPLETED", "beforeJob Started", "afterJob Failed FAILED"]);
    }

    private sealed class FailingBeforeJob : IJobExecutionListener
    {
        public Task BeforeJobAsync(JobExecution jobExecution, CancellationToken cancellationToken) => throw new InvalidOperationException("not today");
    }
}
