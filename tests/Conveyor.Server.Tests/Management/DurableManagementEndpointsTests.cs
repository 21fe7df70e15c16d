using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Conveyor.Batch.Core;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Server.Tests.Management;

public sealed class DurableManagementEndpointsTests(AzuriteFixture azurite)
{
    private const string Base = "/runtime/webhooks/durabletask/instances";
    private const string JobOrchestratorName = "ConveyorJob";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetInstance_Pending_Is202WithLocationAndRetryAfter()
    {
        await using var app = IdleApp();
        var id = await ScheduleAsync(app, "Waiting", new { order = 7 });
        using var client = Admin(app);

        using var response = await client.GetAsync(new Uri($"{Base}/{id}?code={ConveyorAppFactory.AdminKey}", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.AbsoluteUri.ShouldEndWith($"{Base}/{id}");
        response.Headers.Location.Query.ShouldNotContain(ConveyorAppFactory.AdminKey);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        var body = await ReadJsonAsync(response);
        body.GetProperty("runtimeStatus").GetString().ShouldBe("Pending");
        body.GetProperty("instanceId").GetString().ShouldBe(id);
        body.GetProperty("input").GetProperty("order").GetInt32().ShouldBe(7);
        body.GetProperty("historyEvents").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("createdTime").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }

    [Fact]
    public async Task GetInstance_ShowInputFalse_OmitsInput()
    {
        await using var app = IdleApp();
        var id = await ScheduleAsync(app, "Waiting", "secret-input");
        using var client = Admin(app);

        var body = await ReadJsonAsync(await client.GetAsync(new Uri($"{Base}/{id}?showInput=false", UriKind.Relative), Ct));

        body.GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task GetInstance_CompletedJob_Is200WithHistoryAndOutputs()
    {
        await using var app = JobApp(out var jobName);
        var execution = await RunJobToEndAsync(app, jobName);
        using var client = Admin(app);

        using var response = await client.GetAsync(new Uri($"{Base}/{execution}?showHistory=true&showHistoryOutput=true", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Location.ShouldBeNull();
        var body = await ReadJsonAsync(response);
        body.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        var events = body.GetProperty("historyEvents").EnumerateArray().ToList();
        events[0].GetProperty("EventType").GetString().ShouldBe("ExecutionStarted");
        events[0].GetProperty("FunctionName").GetString().ShouldBe(JobOrchestratorName);
        events[^1].GetProperty("EventType").GetString().ShouldBe("ExecutionCompleted");
        events[^1].GetProperty("OrchestrationStatus").GetString().ShouldBe("Completed");
        events.ShouldNotContain(e => e.GetProperty("EventType").GetString() == "TaskScheduled" || e.GetProperty("EventType").GetString() == "OrchestratorStarted");
        var completed = events.First(e => e.GetProperty("EventType").GetString() is "TaskCompleted" or "SubOrchestrationInstanceCompleted");
        completed.GetProperty("FunctionName").GetString().ShouldNotBeNullOrEmpty();
        completed.TryGetProperty("ScheduledTime", out _).ShouldBeTrue();
        completed.TryGetProperty("Result", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task GetInstance_HistoryWithoutOutput_HasNoResults()
    {
        await using var app = JobApp(out var jobName);
        var execution = await RunJobToEndAsync(app, jobName);
        using var client = Admin(app);

        var body = await ReadJsonAsync(await client.GetAsync(new Uri($"{Base}/{execution}?showHistory=true", UriKind.Relative), Ct));

        body.GetProperty("historyEvents").EnumerateArray().Count(e => e.TryGetProperty("Result", out var _)).ShouldBe(0);
    }

    [Fact]
    public async Task GetInstance_Failed_Is200Or500WhenAsked()
    {
        await using var app = new ConveyorAppFactory(azurite);
        var id = await ScheduleAsync(app, "NoSuchOrchestrator", null);
        await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, cancellation: Ct);
        using var client = Admin(app);

        using var plain = await client.GetAsync(new Uri($"{Base}/{id}", UriKind.Relative), Ct);
        using var strict = await client.GetAsync(new Uri($"{Base}/{id}?returnInternalServerErrorOnFailure=true", UriKind.Relative), Ct);

        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(plain)).GetProperty("output").GetString()!.ShouldContain("NoSuchOrchestrator");
        strict.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await ReadJsonAsync(strict)).GetProperty("runtimeStatus").GetString().ShouldBe("Failed");
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/terminate")]
    [InlineData("POST", "/suspend")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/restart")]
    [InlineData("POST", "/raiseEvent/go")]
    public async Task Route_UnknownInstance_Is404ProblemDetails(string method, string suffix)
    {
        await using var app = IdleApp();
        using var client = Admin(app);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri($"{Base}/nope{Guid.NewGuid():N}{suffix}", UriKind.Relative)), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task GetInstance_BadQueryValue_Is400NamingTheParameter()
    {
        await using var app = IdleApp();
        using var client = Admin(app);

        using var response = await client.GetAsync(new Uri($"{Base}/x?showHistory=maybe", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("showHistory", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ConveyorAppFactory.FunctionKey)]
    public async Task ManagementApi_WithoutAdminKey_Is401(string? key)
    {
        await using var app = IdleApp();
        using var client = key is null ? app.CreateClient() : app.CreateClientWithKey(key);

        using var response = await client.GetAsync(new Uri(Base, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(ConveyorAppFactory.AdminKey);
    }

    [Fact]
    public async Task RaiseEvent_Running_Is202_AndCompleted_Is410()
    {
        await using var app = new ConveyorAppFactory(azurite);
        var failed = await ScheduleAsync(app, "NoSuchOrchestrator", null);
        await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(failed, cancellation: Ct);
        await using var idle = IdleApp();
        var pending = await ScheduleAsync(idle, "Waiting", null);
        using var client = Admin(app);
        using var idleClient = Admin(idle);

        using var accepted = await idleClient.PostAsync(new Uri($"{Base}/{pending}/raiseEvent/approve", UriKind.Relative), Json("{\"ok\":true}"), Ct);
        using var gone = await client.PostAsync(new Uri($"{Base}/{failed}/raiseEvent/approve", UriKind.Relative), Json("{\"ok\":true}"), Ct);

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await accepted.Content.ReadAsStringAsync(Ct)).ShouldBeEmpty();
        gone.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task RaiseEvent_NotJson_Is400()
    {
        await using var app = IdleApp();
        var id = await ScheduleAsync(app, "Waiting", null);
        using var client = Admin(app);

        using var wrongType = await client.PostAsync(new Uri($"{Base}/{id}/raiseEvent/go", UriKind.Relative), new StringContent("yes", Encoding.UTF8, "text/plain"), Ct);
        using var badJson = await client.PostAsync(new Uri($"{Base}/{id}/raiseEvent/go", UriKind.Relative), Json("{oops"), Ct);

        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Terminate_Running_Is202ThenTerminated_ThenAgain410()
    {
        await using var app = JobApp(out var jobName, blockingJob: true);
        var execution = await app.Services.GetRequiredService<JobLauncher>().RunAsync(jobName, new JobParameters(), Ct);
        using var client = Admin(app);

        using var first = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/terminate?reason=operator", UriKind.Relative), null, Ct);
        var final = await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(execution.ExecutionId, cancellation: Ct);
        using var second = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/terminate", UriKind.Relative), null, Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        final.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        second.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task SuspendAndResume_Running_Are202_AndFinished_Are410()
    {
        await using var app = JobApp(out var jobName, blockingJob: true);
        var execution = await app.Services.GetRequiredService<JobLauncher>().RunAsync(jobName, new JobParameters(), Ct);
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        using var client = Admin(app);

        using var suspend = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/suspend?reason=pause", UriKind.Relative), null, Ct);
        await WaitForStatusAsync(durable, execution.ExecutionId, OrchestrationRuntimeStatus.Suspended);
        using var suspendedStatus = await client.GetAsync(new Uri($"{Base}/{execution.ExecutionId}", UriKind.Relative), Ct);
        using var resume = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/resume?reason=go", UriKind.Relative), null, Ct);
        await WaitForStatusAsync(durable, execution.ExecutionId, OrchestrationRuntimeStatus.Running);
        await durable.TerminateInstanceAsync(execution.ExecutionId, "done", Ct);
        await durable.WaitForInstanceCompletionAsync(execution.ExecutionId, cancellation: Ct);
        using var lateSuspend = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/suspend", UriKind.Relative), null, Ct);
        using var lateResume = await client.PostAsync(new Uri($"{Base}/{execution.ExecutionId}/resume", UriKind.Relative), null, Ct);

        suspend.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        suspendedStatus.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadJsonAsync(suspendedStatus)).GetProperty("runtimeStatus").GetString().ShouldBe("Suspended");
        resume.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        lateSuspend.StatusCode.ShouldBe(HttpStatusCode.Gone);
        lateResume.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task ListInstances_TopWithContinuationHeader_PagesThroughAll()
    {
        await using var app = IdleApp();
        var prefix = AzuriteFixture.UniqueName("page");
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await durable.ScheduleNewOrchestrationInstanceAsync("Waiting", i, new StartOrchestrationOptions($"{prefix}-{i}"), Ct));
        }

        await durable.ScheduleNewOrchestrationInstanceAsync("Waiting", null, new StartOrchestrationOptions(AzuriteFixture.UniqueName("other")), Ct);
        using var client = Admin(app);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Base}?instanceIdPrefix={prefix}&top=2&runtimeStatus=Pending,Running", UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var items = (await ReadJsonAsync(response)).EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        seen.ShouldBe(ids, ignoreOrder: true);
        pages.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("never-issued")]
    [InlineData("eyJub3QiOiJhIHRva2VuIn0=")]
    [InlineData("%FF%FE\u00e9")]
    [InlineData("{\"NextPartitionKey\":\"\u0000\"}")]
    [InlineData("c1.%%%")]
    [InlineData("c1./-8")]
    public async Task ListInstances_ContinuationTokenNeverIssued_Is400Problem(string token)
    {
        await using var app = IdleApp();
        using var client = Admin(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Base}?top=2", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("x-ms-continuation-token", token);

        using var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ListInstances_StatusFilterAndBadStatus()
    {
        await using var app = IdleApp();
        await ScheduleAsync(app, "Waiting", null);
        using var client = Admin(app);

        var completed = await ReadJsonAsync(await client.GetAsync(new Uri($"{Base}?runtimeStatus=Completed", UriKind.Relative), Ct));
        using var bad = await client.GetAsync(new Uri($"{Base}?runtimeStatus=Sleeping&top=0", UriKind.Relative), Ct);

        completed.GetArrayLength().ShouldBe(0);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(bad)).GetProperty("errors");
        errors.TryGetProperty("runtimeStatus", out _).ShouldBeTrue();
        errors.TryGetProperty("top", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Purge_Finished_Is200ThenGone_Running_DeletesNothing()
    {
        await using var app = new ConveyorAppFactory(azurite);
        var failed = await ScheduleAsync(app, "NoSuchOrchestrator", null);
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await durable.WaitForInstanceCompletionAsync(failed, cancellation: Ct);
        await using var idle = IdleApp();
        var pending = await ScheduleAsync(idle, "Waiting", null);
        using var client = Admin(app);
        using var idleClient = Admin(idle);

        using var purged = await client.DeleteAsync(new Uri($"{Base}/{failed}", UriKind.Relative), Ct);
        using var after = await client.GetAsync(new Uri($"{Base}/{failed}", UriKind.Relative), Ct);
        using var running = await idleClient.DeleteAsync(new Uri($"{Base}/{pending}", UriKind.Relative), Ct);

        purged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(purged)).GetProperty("instancesDeleted").GetInt32().ShouldBe(1);
        after.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        running.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(running)).GetProperty("instancesDeleted").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task PurgeByFilter_RequiresCreatedTimeFrom_DeletesFinished_404WhenNone()
    {
        await using var app = new ConveyorAppFactory(azurite);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var first = await ScheduleAsync(app, "NoSuchOrchestrator", null);
        var second = await ScheduleAsync(app, "NoSuchOrchestrator", null);
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await durable.WaitForInstanceCompletionAsync(first, cancellation: Ct);
        await durable.WaitForInstanceCompletionAsync(second, cancellation: Ct);
        using var client = Admin(app);

        using var missing = await client.DeleteAsync(new Uri($"{Base}?runtimeStatus=Failed", UriKind.Relative), Ct);
        using var purged = await client.DeleteAsync(new Uri($"{Base}?createdTimeFrom={Uri.EscapeDataString(since)}&runtimeStatus=Failed", UriKind.Relative), Ct);
        using var again = await client.DeleteAsync(new Uri($"{Base}?createdTimeFrom={Uri.EscapeDataString(since)}", UriKind.Relative), Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(missing)).GetProperty("errors").TryGetProperty("createdTimeFrom", out _).ShouldBeTrue();
        purged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(purged)).GetProperty("instancesDeleted").GetInt32().ShouldBe(2);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restart_Finished_Is202WithLocationOfTheNewInstance_RunningSameId_Is409()
    {
        await using var app = new ConveyorAppFactory(azurite);
        var failed = await ScheduleAsync(app, "NoSuchOrchestrator", "again");
        await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(failed, cancellation: Ct);
        await using var idle = IdleApp();
        var pending = await ScheduleAsync(idle, "Waiting", null);
        using var client = Admin(app);
        using var idleClient = Admin(idle);

        using var restarted = await client.PostAsync(new Uri($"{Base}/{failed}/restart", UriKind.Relative), null, Ct);
        using var conflict = await idleClient.PostAsync(new Uri($"{Base}/{pending}/restart?restartWithNewInstanceId=false", UriKind.Relative), null, Ct);

        restarted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await ReadJsonAsync(restarted);
        var newId = body.GetProperty("id").GetString()!;
        newId.ShouldNotBe(failed);
        restarted.Headers.Location!.AbsoluteUri.ShouldEndWith($"{Base}/{newId}");
        body.GetProperty("statusQueryGetUri").GetString().ShouldBe(restarted.Headers.Location.AbsoluteUri);
        body.GetProperty("sendEventPostUri").GetString().ShouldEndWith($"{Base}/{newId}/raiseEvent/{{eventName}}");
        var input = await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(newId, true, Ct);
        input!.ReadInputAs<string>().ShouldBe("again");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private static HttpClient Admin(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", ConveyorAppFactory.AdminKey);
        return client;
    }

    private ConveyorAppFactory IdleApp() => new(azurite, settings: new Dictionary<string, string?> { ["Conveyor:RunWorker"] = "false" });

    private WebApplicationFactory<Program> JobApp(out string jobName, bool blockingJob = false)
    {
        var name = AzuriteFixture.UniqueName("mjob");
        jobName = name;
        var items = blockingJob ? Enumerable.Range(1, 1000) : Enumerable.Range(1, 3);
        var job = new JobBuilder(name).Start(new StepBuilder("s").Chunk<int, int>(1)
            .Reader(_ => new InMemoryItemReader<int>(items))
            .Processor(_ => new SlowProcessor(blockingJob ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero))
            .Writer(_ => new InMemoryItemWriter<int>())
            .Build()).Build();
        return new ConveyorAppFactory(azurite).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddConveyorJobs((r, _) => r.Add(job))));
    }

    private static async Task<string> RunJobToEndAsync(WebApplicationFactory<Program> app, string jobName)
    {
        var execution = await app.Services.GetRequiredService<JobLauncher>().RunAsync(jobName, new JobParameters(), Ct);
        var final = await app.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(execution.ExecutionId, cancellation: Ct);
        final.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        return execution.ExecutionId;
    }

    private static Task<string> ScheduleAsync(WebApplicationFactory<Program> app, string orchestrator, object? input) =>
        app.Services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellation: Ct);

    private static async Task WaitForStatusAsync(DurableTaskClient durable, string id, OrchestrationRuntimeStatus status)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await durable.GetInstanceAsync(id, cancellation: timeout.Token))?.RuntimeStatus != status)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var disposable = response;
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Clone();
    }

    private sealed class SlowProcessor(TimeSpan delay) : Conveyor.Batch.Item.IItemProcessor<int, int>
    {
        public async ValueTask<int> ProcessAsync(int item, CancellationToken cancellationToken = default)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            return item;
        }
    }
}
