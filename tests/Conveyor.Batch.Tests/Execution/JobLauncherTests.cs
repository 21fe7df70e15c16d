using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Tests.Steps;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Execution;

public sealed class JobLauncherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartNextInstanceAsync_RunIdIncrementer_RunIds1To3_OtherParametersCarriedOrReplaced()
    {
        var log = new CallLog();
        var job = new JobBuilder("nightly").Incrementer(new RunIdIncrementer()).Start(RecordingTasklet.Step("s", log)).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var runs = new List<JobExecution>();
        runs.Add(await host.WaitAsync(await host.Launcher.StartNextInstanceAsync("nightly", new JobParameters([new("region", new JobParameter("eu"))]))));
        runs.Add(await host.WaitAsync(await host.Launcher.StartNextInstanceAsync("nightly")));
        runs.Add(await host.WaitAsync(await host.Launcher.StartNextInstanceAsync("nightly", new JobParameters([new("region", new JobParameter("us"))]))));

        runs.Select(r => r.Parameters.GetLong("run.id")).ShouldBe([1L, 2L, 3L]);
        runs.Select(r => r.Parameters.GetString("region")).ShouldBe(["eu", "eu", "us"]);
        runs.Select(r => r.InstanceId).Distinct().Count().ShouldBe(3);
        runs.ShouldAllBe(r => r.Status == BatchStatus.Completed);
        log.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task StartNextInstanceAsync_JobWithoutIncrementer_ThrowsIncrementerNotFound()
    {
        var job = new JobBuilder("plain").Start(RecordingTasklet.Step("s", new CallLog())).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);

        var error = await Should.ThrowAsync<JobParametersIncrementerNotFoundException>(() => host.Launcher.StartNextInstanceAsync("plain"));

        error.JobName.ShouldBe("plain");
        error.Message.ShouldBe("Job 'plain' has no parameters incrementer, so it has no next instance; build it with JobBuilder.Incrementer.");
    }

    [Fact]
    public async Task AbandonAsync_CompletedExecution_IsRefusedAndChangesNothing()
    {
        var job = new JobBuilder("done").Start(RecordingTasklet.Step("s", new CallLog())).Build();
        await using var host = await BatchTestHost.StartAsync(azurite, job);
        var completed = await host.WaitAsync(await host.Launcher.RunAsync("done", new JobParameters()));

        var error = await Should.ThrowAsync<JobInstanceAlreadyCompleteException>(() => host.Launcher.AbandonAsync(completed.ExecutionId));

        error.Message.ShouldBe($"Job execution '{completed.ExecutionId}' is COMPLETED; only a STOPPED or FAILED execution can be abandoned.");
        (await host.Repository.GetJobExecutionAsync(completed.ExecutionId))!.Status.ShouldBe(BatchStatus.Completed);
    }
}
