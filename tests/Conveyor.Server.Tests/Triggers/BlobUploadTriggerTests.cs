using Conveyor.Api.Uploads;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Server.Tests.Triggers;

public sealed class BlobUploadTriggerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan FastPolling = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Poller_UploadedBlob_StartsExactlyOneExecutionWithTheBlobIdentity()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(FastPolling);
        _ = app.Server;
        var etag = await test.UploadAsync("incoming/a.csv", "1,2");
        await test.UploadAsync("elsewhere/b.csv", "3");

        await TriggerTestApp.WaitForInstancesAsync(app.Services, test.Job.Name, 1);
        var trigger = app.Services.GetRequiredService<BlobUploadTrigger>();
        (await trigger.ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct)).ShouldBe(0);
        (await trigger.ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct)).ShouldBe(0);

        var executions = await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name);
        executions.Count.ShouldBe(1);
        executions.Single().Value.ShouldBe(1);
        executions.Single().Key.ShouldBe(JobInstance.IdOf(test.Job.Name, BlobTriggerParameters.For(test.Job.Input!, "incoming/a.csv", etag)));
    }

    [Fact]
    public async Task Poller_ChangedBlob_StartsASecondExecution()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(FastPolling);
        _ = app.Server;
        await test.UploadAsync("incoming/a.csv", "1");
        await TriggerTestApp.WaitForInstancesAsync(app.Services, test.Job.Name, 1);

        await test.UploadAsync("incoming/a.csv", "1,2");
        var executions = await TriggerTestApp.WaitForInstancesAsync(app.Services, test.Job.Name, 2);
        await app.Services.GetRequiredService<BlobUploadTrigger>().ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);

        executions = await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name);
        executions.Count.ShouldBe(2);
        executions.Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task Restart_OnTheSameStorage_StartsNothingNew()
    {
        var test = new TriggerTestApp(azurite);
        await using (var first = test.Start(FastPolling))
        {
            _ = first.Server;
            for (var i = 0; i < 5; i++)
            {
                await test.UploadAsync($"incoming/{i}.csv", "x");
            }

            await TriggerTestApp.WaitForInstancesAsync(first.Services, test.Job.Name, 5);
        }

        await using var second = test.Start(FastPolling);
        _ = second.Server;
        var started = await second.Services.GetRequiredService<BlobUploadTrigger>().ScanAsync(second.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);
        await Task.Delay(FastPolling * 5, Ct);

        started.ShouldBe(0);
        var executions = await TriggerTestApp.ExecutionsAsync(second.Services, test.Job.Name);
        executions.Count.ShouldBe(5);
        executions.Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task TwoApps_PollingTheSameStorage_StartEachBlobVersionOnce()
    {
        var test = new TriggerTestApp(azurite);
        await using var one = test.Start(TimeSpan.FromMilliseconds(30));
        await using var two = test.Start(TimeSpan.FromMilliseconds(30));
        _ = one.Server;
        _ = two.Server;
        var triggers = new[] { one, two }.Select(a => (Trigger: a.Services.GetRequiredService<BlobUploadTrigger>(), Launcher: a.Services.GetRequiredService<JobLauncher>())).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 7).Select(i => test.UploadAsync($"incoming/{i}.csv", "x")));
        await Task.WhenAll(triggers.SelectMany(t => Enumerable.Range(0, 3).Select(_ => t.Trigger.ScanAsync(t.Launcher, test.Job, Ct))));
        await TriggerTestApp.WaitForInstancesAsync(one.Services, test.Job.Name, 7);
        await test.UploadAsync("incoming/0.csv", "changed");
        await test.UploadAsync("incoming/1.csv", "changed");
        await Task.WhenAll(triggers.SelectMany(t => Enumerable.Range(0, 3).Select(_ => t.Trigger.ScanAsync(t.Launcher, test.Job, Ct))));
        await TriggerTestApp.WaitForInstancesAsync(one.Services, test.Job.Name, 9);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);

        var executions = await TriggerTestApp.ExecutionsAsync(one.Services, test.Job.Name);
        executions.Count.ShouldBe(9);
        executions.Values.ShouldAllBe(n => n == 1);
    }

    [Fact]
    public async Task Scan_VersionAlreadyStartedByTheUploadPath_DoesNotStartItAgain()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        var etag = await test.UploadAsync("incoming/a.csv", "1");
        await app.Services.GetRequiredService<JobLauncher>().RunAsync(test.Job.Name, BlobTriggerParameters.For(test.Job.Input!, "incoming/a.csv", etag), Ct);

        var started = await app.Services.GetRequiredService<BlobUploadTrigger>().ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);

        started.ShouldBe(0);
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).Values.ShouldBe([1]);
        var receipt = await app.Services.GetRequiredService<BlobReceiptStore>().GetAsync(test.Job.Name, "incoming/a.csv", Ct);
        receipt!.Status.ShouldBe(BlobReceipt.Started);
    }

    [Fact]
    public async Task StartOnce_FreshClaimOfAnotherProcess_LeavesTheVersionToIt()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        var etag = await test.UploadAsync("incoming/a.csv", "1");
        var receipts = app.Services.GetRequiredService<BlobReceiptStore>();
        await receipts.CreateIfNotExistsAsync(cancellationToken: Ct);
        await receipts.TryClaimAsync(null, test.Job.Name, "incoming/a.csv", BlobTriggerParameters.Normalize(etag), "other", DateTimeOffset.UtcNow, Ct);

        var result = await app.Services.GetRequiredService<BlobJobStarter>().StartOnceAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, "incoming/a.csv", etag, cancellationToken: Ct);

        result.Outcome.ShouldBe(BlobStartOutcome.ClaimedElsewhere);
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartOnce_StaleClaimAfterACrashBeforeTheStart_TakesItOverAndStarts()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        var etag = await test.UploadAsync("incoming/a.csv", "1");
        var receipts = app.Services.GetRequiredService<BlobReceiptStore>();
        await receipts.CreateIfNotExistsAsync(cancellationToken: Ct);
        await receipts.TryClaimAsync(null, test.Job.Name, "incoming/a.csv", BlobTriggerParameters.Normalize(etag), "dead", DateTimeOffset.UtcNow.AddHours(-1), Ct);

        var result = await app.Services.GetRequiredService<BlobJobStarter>().StartOnceAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, "incoming/a.csv", etag, cancellationToken: Ct);

        result.Outcome.ShouldBe(BlobStartOutcome.Started);
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).Values.ShouldBe([1]);
        (await receipts.GetAsync(test.Job.Name, "incoming/a.csv", Ct))!.Status.ShouldBe(BlobReceipt.Started);
    }

    [Fact]
    public async Task StartOnce_StaleClaimAfterACrashAfterTheStart_OnlyConfirmsIt()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        var etag = await test.UploadAsync("incoming/a.csv", "1");
        var receipts = app.Services.GetRequiredService<BlobReceiptStore>();
        await receipts.CreateIfNotExistsAsync(cancellationToken: Ct);
        await receipts.TryClaimAsync(null, test.Job.Name, "incoming/a.csv", BlobTriggerParameters.Normalize(etag), "dead", DateTimeOffset.UtcNow.AddHours(-1), Ct);
        await app.Services.GetRequiredService<JobLauncher>().RunAsync(test.Job.Name, BlobTriggerParameters.For(test.Job.Input!, "incoming/a.csv", etag), Ct);

        var result = await app.Services.GetRequiredService<BlobJobStarter>().StartOnceAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, "incoming/a.csv", etag, cancellationToken: Ct);

        result.Outcome.ShouldBe(BlobStartOutcome.AlreadyStarted);
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).Values.ShouldBe([1]);
        (await receipts.GetAsync(test.Job.Name, "incoming/a.csv", Ct))!.Status.ShouldBe(BlobReceipt.Started);
    }

    [Fact]
    public async Task Scan_JobRefusesTheParameters_RecordsRejectedAndDoesNotRetry()
    {
        var test = new TriggerTestApp(azurite, strictValidator: true);
        await using var app = test.Start(polling: null);
        await test.UploadAsync("incoming/a.csv", "1");
        var trigger = app.Services.GetRequiredService<BlobUploadTrigger>();
        await app.Services.GetRequiredService<BlobReceiptStore>().CreateIfNotExistsAsync(cancellationToken: Ct);

        var first = await trigger.ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);
        var receipt = await app.Services.GetRequiredService<BlobReceiptStore>().GetAsync(test.Job.Name, "incoming/a.csv", Ct);
        var second = await trigger.ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);

        first.ShouldBe(0);
        second.ShouldBe(0);
        receipt!.Status.ShouldBe(BlobReceipt.Rejected);
        receipt.Detail!.ShouldContain("input.file.etag");
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartOnce_WithExtraParameters_KeepsTheBlobVersionIdentity()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        var etag = await test.UploadAsync("incoming/a.csv", "1");
        var extra = new Dictionary<string, JobParameter> { ["label"] = new("monday") };

        var result = await app.Services.GetRequiredService<BlobJobStarter>().StartOnceAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, "incoming/a.csv", etag, extra, Ct);
        var scanned = await app.Services.GetRequiredService<BlobUploadTrigger>().ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct);

        result.Outcome.ShouldBe(BlobStartOutcome.Started);
        result.JobInstanceId.ShouldBe(JobInstance.IdOf(test.Job.Name, BlobTriggerParameters.For(test.Job.Input!, "incoming/a.csv", etag)));
        result.Execution!.Parameters.Values["label"].ShouldBe(new JobParameter("monday", Identifying: false));
        scanned.ShouldBe(0);
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).Values.ShouldBe([1]);
    }

    [Fact]
    public async Task UploadEndpoint_JobThatTriggersOnUpload_StartsOnceWithThePoller_AndAnswersWithThatExecution()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(FastPolling);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", ConveyorAppFactory.FunctionKey);

        using var response = await client.PostAsync(
            new Uri($"/api/jobs/{test.Job.Name}/files?name=a.csv", UriKind.Relative), new StringContent("1,2"), Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var executionId = body.RootElement.GetProperty("id").GetString();

        // Let the poller see the stored blob a few times.
        await Task.Delay(FastPolling * 10, Ct);
        (await app.Services.GetRequiredService<BlobUploadTrigger>().ScanAsync(app.Services.GetRequiredService<JobLauncher>(), test.Job, Ct)).ShouldBe(0);

        var executions = await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name);
        executions.Count.ShouldBe(1);
        executions.Single().Value.ShouldBe(1);
        var only = await app.Services.GetRequiredService<Conveyor.Batch.Repository.IJobRepository>().GetJobExecutionsAsync(executions.Single().Key, Ct);
        only.Single().ExecutionId.ShouldBe(executionId);
    }
}
