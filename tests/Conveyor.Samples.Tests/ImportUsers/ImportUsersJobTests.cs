using Azure.Data.Tables;
using Conveyor.Batch.Core;
using Conveyor.Samples.ImportUsers;
using Conveyor.Testing;

namespace Conveyor.Samples.Tests.ImportUsers;

public sealed class ImportUsersJobTests(AzuriteFixture azurite)
{
    // Line 3: no '@'. Line 4: empty name. Line 8: four fields. Lines 5 and 7: a 503 first. Line 6: a 400 always.
    private const string UsersCsv =
        "userId,email,name\n" +
        "alice,alice@example.com,Alice Anders\n" +
        "bob,bob.example.com,Bob Brown\n" +
        "carol,carol@example.com,\n" +
        "dave,dave@example.com,Dave Dunn\n" +
        "erin,erin@example.com,Erin Eriksen\n" +
        "frank,frank@example.com,\"Fox, Frank \"\"The Tank\"\"\"\n" +
        "grace,grace@example.com,Grace,Hopper\n" +
        "heidi,heidi@example.com,Heidi Hahn";

    [Fact]
    public async Task Run_UsersCsv_CreatesLocalAndExternalUsers_RetriesTransientFailures_SkipsBadUsersWithLines()
    {
        await using var service = await FakeUserService.StartAsync();
        service.FailFirst["dave"] = true;
        service.FailFirst["frank"] = true;
        service.Rejected["erin"] = true;
        var options = SampleTestHost.NewOptions(azurite, service.BaseAddress);
        await SampleBlobs.UploadAsync(options, "users/2026-11-20.csv", UsersCsv);
        await using var host = await SampleTestHost.StartAsync(azurite, options);

        var done = await host.RunAsync(ImportUsersJob.Name, Parameters("users/2026-11-20.csv"));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var local = await host.StepAsync(done, "createLocalUsers");
        (local.ReadCount, local.ReadSkipCount, local.ProcessSkipCount, local.WriteCount).ShouldBe((7L, 1L, 2L, 5L));
        var external = await host.StepAsync(done, "createExternalUsers");
        (external.ReadCount, external.ProcessSkipCount, external.WriteCount).ShouldBe((5L, 1L, 4L));

        // Retries: a second call for the two users that got a 503 first; none for the rejected one.
        service.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).ShouldBe(
            [new("alice", 1), new("dave", 2), new("erin", 1), new("frank", 2), new("heidi", 1)]);
        service.Created["frank"].GetProperty("name").GetString().ShouldBe("Fox, Frank \"The Tank\"");
        service.Created["alice"].GetProperty("email").GetString().ShouldBe("alice@example.com");

        var skips = (await host.SkipsAsync(done)).OrderBy(s => s.LineNumber).ToList();
        skips.Select(s => (s.StepName, s.Phase, s.LineNumber, s.ItemKey)).ShouldBe(
        [
            ("createLocalUsers", "process", (long?)3, "bob"),
            ("createLocalUsers", "process", 4, "carol"),
            ("createExternalUsers", "process", 6, "erin"),
            ("createLocalUsers", "read", 8, null),
        ]);
        skips[0].Reason.ShouldBe("InvalidUserException: The email 'bob.example.com' of user 'bob' is not a valid address.");
        skips[1].Reason.ShouldBe("InvalidUserException: The name of user 'carol' is empty.");
        skips[2].Reason.ShouldBe("ExternalUserRejectedException: The external user service refused user 'erin' with 400: the email domain is not allowed");
        skips[3].Reason.ShouldStartWith("MalformedRecordException:");
        skips[3].Input.ShouldBe("grace,grace@example.com,Grace,Hopper");

        var rows = await new TableClient(options.ConnectionString, options.TablePrefix + "Users")
            .QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        rows.Select(r => (r.RowKey, r.GetString("status"), (string?)r.GetString("externalId"), r.GetInt64("line"), r.GetString("source"))).OrderBy(r => r.RowKey, StringComparer.Ordinal).ShouldBe(
        [
            ("alice", "created", "ext-alice", (long?)2, "users/2026-11-20.csv"),
            ("dave", "created", "ext-dave", 5, "users/2026-11-20.csv"),
            ("erin", "pending", null, 6, "users/2026-11-20.csv"),
            ("frank", "created", "ext-frank", 7, "users/2026-11-20.csv"),
            ("heidi", "created", "ext-heidi", 9, "users/2026-11-20.csv"),
        ]);
        rows.ShouldAllBe(r => r.PartitionKey == done.Parameters.ToIdentityKey());

        // No output parameter: the input's name with .result.csv, in the results container.
        var result = await SampleBlobs.DownloadResultAsync(options, "users/2026-11-20.result.csv");
        result.ShouldBe(
            "userId,externalId,status\r\n" +
            "alice,ext-alice,created\r\n" +
            "dave,ext-dave,created\r\n" +
            "frank,ext-frank,created\r\n" +
            "heidi,ext-heidi,created\r\n");
    }

    [Fact]
    public async Task Restart_AfterTheServiceStayedUnavailable_ResumesAndSendsEachUserIdempotently()
    {
        await using var service = await FakeUserService.StartAsync();
        service.Unavailable["dave"] = true;
        var options = SampleTestHost.NewOptions(azurite, service.BaseAddress);
        options.ExternalUserService.RetryLimit = 3;
        await SampleBlobs.UploadAsync(options, "users/batch.csv", UsersCsv);
        await using var host = await SampleTestHost.StartAsync(azurite, options);
        var parameters = Parameters("users/batch.csv").With(ImportUsersJob.OutputParameter, new JobParameter("out/batch.csv"));

        var failed = await host.RunAsync(ImportUsersJob.Name, parameters);

        failed.Status.ShouldBe(BatchStatus.Failed);
        service.Calls["dave"].ShouldBe(3);
        (await host.StepAsync(failed, "createLocalUsers")).Status.ShouldBe(BatchStatus.Completed);
        var step = await host.StepAsync(failed, "createExternalUsers");
        step.Status.ShouldBe(BatchStatus.Failed);
        step.Failures.ShouldContain(f => f.Contains("The external user service answered 503 for user 'dave'", StringComparison.Ordinal));

        service.Unavailable.Clear();
        var done = await host.WaitAsync(await host.Launcher.RestartAsync(failed.ExecutionId, TestContext.Current.CancellationToken));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        (await host.StepAsync(done, "createExternalUsers")).WriteCount.ShouldBe(5);
        // alice was created before dave's chunk failed; the restart sends her again and the service says she exists.
        service.Calls["alice"].ShouldBe(2);
        (await SampleBlobs.DownloadResultLinesAsync(options, "out/batch.csv")).ShouldBe(
            ["userId,externalId,status", "alice,ext-alice,existing", "dave,ext-dave,created", "erin,ext-erin,created", "frank,ext-frank,created", "heidi,ext-heidi,created"]);
    }

    private static JobParameters Parameters(string input) => new([new(ImportUsersJob.InputParameter, new JobParameter(input))]);
}
