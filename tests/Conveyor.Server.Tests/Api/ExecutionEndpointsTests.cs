using System.Net;
using System.Text.Json;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Api;

public sealed class ExecutionEndpointsTests(AzuriteFixture azurite)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/stop")]
    [InlineData("POST", "/restart")]
    [InlineData("POST", "/abandon")]
    [InlineData("GET", "/skips")]
    public async Task Endpoint_UnknownExecution_Is404(string method, string suffix)
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = method == "GET" ? await app.GetAsync($"/api/executions/{UnknownId}{suffix}") : await app.PostAsync($"/api/executions/{UnknownId}{suffix}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await ApiTestApp.JsonAsync(response)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(UnknownId);
    }

    [Theory]
    [InlineData("not.an.id")]
    [InlineData("%7Cpipe")]
    [InlineData("x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task Get_MalformedId_Is400(string id)
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.GetAsync($"/api/executions/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem().ShouldContain("execution id");
    }

    [Fact]
    public async Task Query_ByParameterValue_PagesNewestFirstWithContinuationTokens()
    {
        await using var app = ApiTestApp.Create(azurite);
        var alpha = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var note = i % 2 == 0 ? "alpha" : "beta";
            var started = await app.StartAsync(TestJobs.Numbers, $$"""{"run": "q{{i}}", "note": "{{note}}"}""");
            if (note == "alpha")
            {
                alpha.Add(started.GetProperty("id").GetString()!);
            }
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var response = await app.GetAsync($"/api/executions?job={TestJobs.Numbers}&param.note=alpha&top=1"
                + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await ApiTestApp.JsonAsync(response);
            var item = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            item.GetProperty("parameters").GetProperty("note").GetProperty("value").GetString().ShouldBe("alpha");
            item.GetProperty("steps").ValueKind.ShouldBe(JsonValueKind.Null);
            item.GetProperty("executionGetUri").GetString().ShouldBe($"http://localhost/api/executions/{item.GetProperty("id").GetString()}");
            seen.Add(item.GetProperty("id").GetString()!);
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        seen.ShouldBe(Enumerable.Reverse(alpha));
        using var beta = await app.GetAsync("/api/executions?param.note=beta");
        (await ApiTestApp.JsonAsync(beta)).GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Query_ByStatus_ReturnsOnlyThatStatus()
    {
        await using var app = ApiTestApp.Create(azurite);
        var done = await app.StartAsync(TestJobs.Numbers, """{"run": "s1"}""");
        await app.FollowAsync(new Uri(done.GetProperty("executionGetUri").GetString()!));
        var running = await app.StartAsync(TestJobs.Slow, """{"run": "s2"}""");

        using var completed = await app.GetAsync("/api/executions?status=completed,FAILED");
        using var started = await app.GetAsync("/api/executions?status=STARTING&status=STARTED");

        (await ApiTestApp.JsonAsync(completed)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(done.GetProperty("id").GetString());
        (await ApiTestApp.JsonAsync(started)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(running.GetProperty("id").GetString());
        (await app.PostAsync($"/api/executions/{running.GetProperty("id").GetString()}/stop")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=1001", "top")]
    [InlineData("top=ten", "top")]
    [InlineData("status=RUNNING", "status")]
    [InlineData("status=1", "status")]
    [InlineData("from=yesterday", "from")]
    [InlineData("job=a%7Cb", "job")]
    [InlineData("param.a=1&param.b=2", "param.")]
    [InlineData("continuationToken=not-ours", "continuationToken")]
    public async Task Query_InvalidArgument_Is400NamingIt(string query, string named)
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.GetAsync("/api/executions?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem().ShouldContain($"'{named}");
    }

    [Fact]
    public async Task Get_RunningExecution_Is202WithRetryAfterAndPartitionCounts()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Slow, """{"run": "watch"}""");
        var status = new Uri(started.GetProperty("executionGetUri").GetString()!);

        var body = await app.PollUntilAsync(status, b => b.GetProperty("steps").GetArrayLength() > 0 && b.GetProperty("steps")[0].GetProperty("writeCount").GetInt64() > 0);
        using var response = await app.Client.GetAsync(status, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        body.GetProperty("status").GetString().ShouldBe("STARTED");
        body.GetProperty("runtimeStatus").GetString().ShouldBe("Running");
        var step = body.GetProperty("steps")[0];
        step.GetProperty("status").GetString().ShouldBe("STARTED");
        step.GetProperty("readCount").GetInt64().ShouldBeInRange(1, TestJobs.SlowItems - 1);
        step.GetProperty("progress").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.PostAsync($"/api/executions/{started.GetProperty("id").GetString()}/stop")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task StopThenRestart_ContinuesFromTheCheckpoint_EveryItemWrittenOnce()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Slow, """{"run": "stop-restart"}""");
        var id = started.GetProperty("id").GetString()!;
        var status = new Uri(started.GetProperty("executionGetUri").GetString()!);
        await app.PollUntilAsync(status, b => b.GetProperty("steps").GetArrayLength() > 0 && b.GetProperty("steps")[0].GetProperty("writeCount").GetInt64() >= 4);

        using var stop = await app.PostAsync($"/api/executions/{id}/stop");

        stop.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        stop.Headers.Location.ShouldBe(status);
        (await ApiTestApp.JsonAsync(stop)).GetProperty("status").GetString().ShouldBe("STOPPING");
        var stopped = await app.FollowAsync(status);
        stopped.GetProperty("status").GetString().ShouldBe("STOPPED");
        var readBeforeStop = stopped.GetProperty("steps")[0].GetProperty("readCount").GetInt64();
        readBeforeStop.ShouldBeInRange(4, TestJobs.SlowItems - 1);

        using var restart = await app.PostAsync($"/api/executions/{id}/restart");

        restart.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var restarted = await ApiTestApp.JsonAsync(restart);
        restarted.GetProperty("id").GetString().ShouldNotBe(id);
        restarted.GetProperty("jobInstanceId").GetString().ShouldBe(started.GetProperty("jobInstanceId").GetString());
        var done = await app.FollowAsync(restart.Headers.Location.ShouldNotBeNull());
        done.GetProperty("status").GetString().ShouldBe("COMPLETED");
        done.GetProperty("restartOf").GetString().ShouldBe(id);
        done.GetProperty("steps")[0].GetProperty("readCount").GetInt64().ShouldBe(TestJobs.SlowItems - readBeforeStop);
        app.Jobs.SlowWrites.Keys.Order().ShouldBe(Enumerable.Range(1, TestJobs.SlowItems));
        app.Jobs.SlowWrites.Values.ShouldAllBe(writes => writes == 1);
    }

    [Fact]
    public async Task Get_FinishedExecution_ShowsItsOrchestrationsRuntimeStatus_ListingsDoNot()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Numbers, """{"run": "runtime"}""");
        var status = new Uri(started.GetProperty("executionGetUri").GetString()!);

        // The job execution is recorded complete by the orchestration's last activity, a moment before the orchestration itself ends.
        var body = await app.PollUntilAsync(status, b => b.GetProperty("runtimeStatus").GetString() == "Completed");
        var listing = await ApiTestApp.JsonAsync(await app.GetAsync($"/api/executions?job={TestJobs.Numbers}"));

        body.GetProperty("status").GetString().ShouldBe("COMPLETED");
        var listed = listing.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("runtimeStatus").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task StopAndRestart_CompletedExecution_Are409()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Numbers, """{"run": "finished"}""");
        var id = started.GetProperty("id").GetString()!;
        await app.FollowAsync(new Uri(started.GetProperty("executionGetUri").GetString()!));

        using var stop = await app.PostAsync($"/api/executions/{id}/stop");
        using var restart = await app.PostAsync($"/api/executions/{id}/restart");

        stop.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiTestApp.JsonAsync(stop)).GetProperty("title").GetString().ShouldBe("Job execution not running");
        restart.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiTestApp.JsonAsync(restart)).GetProperty("title").GetString().ShouldBe("Job execution cannot be restarted");
    }

    [Fact]
    public async Task Abandon_RunningThenStopped_Is409Then200AndRestartIs409()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Slow, """{"run": "abandon"}""");
        var id = started.GetProperty("id").GetString()!;

        using var whileRunning = await app.PostAsync($"/api/executions/{id}/abandon");
        (await app.PostAsync($"/api/executions/{id}/stop")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await app.FollowAsync(new Uri(started.GetProperty("executionGetUri").GetString()!));
        using var abandon = await app.PostAsync($"/api/executions/{id}/abandon");
        using var restart = await app.PostAsync($"/api/executions/{id}/restart");
        using var startAgain = await app.PostJsonAsync($"/api/jobs/{TestJobs.Slow}", """{"parameters": {"run": "abandon"}}""");

        whileRunning.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        abandon.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiTestApp.JsonAsync(abandon)).GetProperty("status").GetString().ShouldBe("ABANDONED");
        restart.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        startAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Abandon_CompletedExecution_Is409ProblemAndStaysCompleted()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Plain, """{"run": "abandon-completed"}""");
        var id = started.GetProperty("id").GetString()!;
        await app.FollowAsync(new Uri(started.GetProperty("executionGetUri").GetString()!));

        using var abandon = await app.PostAsync($"/api/executions/{id}/abandon");
        using var status = await app.GetAsync($"/api/executions/{id}");

        abandon.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        abandon.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await ApiTestApp.JsonAsync(abandon)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("COMPLETED");
        (await ApiTestApp.JsonAsync(status)).GetProperty("status").GetString().ShouldBe("COMPLETED");
    }

    [Fact]
    public async Task Skips_ExecutionWithoutSkips_IsEmptyList()
    {
        await using var app = ApiTestApp.Create(azurite);
        var started = await app.StartAsync(TestJobs.Plain, "{}");
        await app.FollowAsync(new Uri(started.GetProperty("executionGetUri").GetString()!));

        using var response = await app.GetAsync($"/api/executions/{started.GetProperty("id").GetString()}/skips");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApiTestApp.JsonAsync(response)).GetArrayLength().ShouldBe(0);
    }
}
