using System.Net;
using System.Text.Json;
using System.Text;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Api;

public sealed class JobEndpointsTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartJob_ValidParameters_Is202WithLocationRetryAfterAndAbsoluteUris()
    {
        await using var app = ApiTestApp.Create(azurite);
        using var client = app.Factory.CreateClient();

        using var response = await client.PostAsync(
            ApiTestApp.Relative($"/api/jobs/{TestJobs.Numbers}?code={ConveyorAppFactory.FunctionKey}"),
            new StringContent("""{"parameters": {"run": "r1"}}""", Encoding.UTF8, "application/json"),
            Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        text.ShouldNotContain(ConveyorAppFactory.FunctionKey);
        var body = await ApiTestApp.JsonAsync(response);
        var id = body.GetProperty("id").GetString()!;
        id.ShouldMatch("^[0-9a-f]{32}$");
        body.GetProperty("jobName").GetString().ShouldBe(TestJobs.Numbers);
        body.GetProperty("status").GetString().ShouldBe("STARTING");
        body.GetProperty("jobInstanceId").GetString().ShouldStartWith(TestJobs.Numbers + "-");
        response.Headers.Location.ShouldBe(new Uri($"http://localhost/api/executions/{id}"));
        body.GetProperty("executionGetUri").GetString().ShouldBe($"http://localhost/api/executions/{id}");
        body.GetProperty("stopPostUri").GetString().ShouldBe($"http://localhost/api/executions/{id}/stop");
        body.GetProperty("restartExecutionPostUri").GetString().ShouldBe($"http://localhost/api/executions/{id}/restart");
        body.GetProperty("abandonPostUri").GetString().ShouldBe($"http://localhost/api/executions/{id}/abandon");
        body.GetProperty("skipsGetUri").GetString().ShouldBe($"http://localhost/api/executions/{id}/skips");

        // Durable Functions' check-status payload of the execution's orchestration, served by the management API.
        var instance = $"http://localhost/runtime/webhooks/durabletask/instances/{id}";
        body.GetProperty("statusQueryGetUri").GetString().ShouldBe(instance);
        body.GetProperty("sendEventPostUri").GetString().ShouldBe(instance + "/raiseEvent/{eventName}");
        body.GetProperty("terminatePostUri").GetString().ShouldBe(instance + "/terminate?reason={text}");
        body.GetProperty("suspendPostUri").GetString().ShouldBe(instance + "/suspend?reason={text}");
        body.GetProperty("resumePostUri").GetString().ShouldBe(instance + "/resume?reason={text}");
        body.GetProperty("restartPostUri").GetString().ShouldBe(instance + "/restart");
        body.GetProperty("purgeHistoryDeleteUri").GetString().ShouldBe(instance);
    }

    [Fact]
    public async Task StartJob_FollowingLocation_EndsCompletedWithCounts()
    {
        await using var app = ApiTestApp.Create(azurite);
        using var response = await app.PostJsonAsync($"/api/jobs/{TestJobs.Numbers}", """{"parameters": {"run": "follow", "count": 8}}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var done = await app.FollowAsync(response.Headers.Location.ShouldNotBeNull());

        var id = done.GetProperty("id").GetString()!;
        done.GetProperty("status").GetString().ShouldBe("COMPLETED");
        done.GetProperty("exitCode").GetString().ShouldBe("COMPLETED");
        done.GetProperty("endedAt").GetString().ShouldNotBeNull().ShouldEndWith("Z");
        done.GetProperty("skipCount").GetInt64().ShouldBe(0);
        var count = done.GetProperty("parameters").GetProperty("count");
        (count.GetProperty("value").GetInt64(), count.GetProperty("type").GetString(), count.GetProperty("identifying").GetBoolean()).ShouldBe((8L, "long", true));
        var step = done.GetProperty("steps").EnumerateArray().ShouldHaveSingleItem();
        step.GetProperty("name").GetString().ShouldBe("count");
        step.GetProperty("status").GetString().ShouldBe("COMPLETED");
        (step.GetProperty("readCount").GetInt64(), step.GetProperty("writeCount").GetInt64(), step.GetProperty("filterCount").GetInt64()).ShouldBe((8L, 8L, 0L));
        step.GetProperty("commitCount").GetInt64().ShouldBeGreaterThanOrEqualTo(3);
        step.GetProperty("progress").GetDouble().ShouldBe(1);
        step.GetProperty("partitions").EnumerateArray().ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("count:partition0");
        app.Jobs.Counted[id].Order().ShouldBe(Enumerable.Range(1, 8));
    }

    [Fact]
    public async Task StartJob_UnknownJob_Is404ProblemDetails()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.PostJsonAsync("/api/jobs/noSuchJob", """{"parameters": {}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await ApiTestApp.JsonAsync(response);
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("noSuchJob");
    }

    [Fact]
    public async Task StartJob_MissingAndInvalidParameters_Is400NamingEach()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.PostJsonAsync(
            $"/api/jobs/{TestJobs.Numbers}",
            """{"parameters": {"count": "many", "when": "yesterday", "ratio": {"value": 1, "type": "long"}, "note": true, "extra": 1}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var errors = ApiTestApp.Errors(await ApiTestApp.JsonAsync(response));
        errors.Length.ShouldBe(6, string.Join(Environment.NewLine, errors));
        errors.ShouldContain("The parameter 'run' is required.");
        errors.ShouldContain(e => e.StartsWith("The parameter 'count' must be a long", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("The parameter 'when' must be a date", StringComparison.Ordinal));
        errors.ShouldContain("The parameter 'ratio' must be a double; it is a long.");
        errors.ShouldContain(e => e.StartsWith("The parameter 'note' must be a string, a number", StringComparison.Ordinal));
        errors.ShouldContain("The parameter 'extra' is not known to this job.");
        using var none = await app.GetAsync($"/api/executions?job={TestJobs.Numbers}");
        (await none.Content.ReadAsStringAsync(Cancellation)).ShouldContain("\"items\":[]");
    }

    [Fact]
    public async Task StartJob_TypedObjectsAndText_AreReadAsTheirTypes()
    {
        await using var app = ApiTestApp.Create(azurite);

        var started = await app.StartAsync(
            TestJobs.Numbers,
            """{"run": {"value": "typed", "identifying": true}, "count": "4", "ratio": 2, "when": {"value": "2026-11-20T10:00:00+01:00", "type": "date"}, "note": {"value": "n", "identifying": false}}""");
        var done = await app.FollowAsync(new Uri(started.GetProperty("executionGetUri").GetString()!));

        var parameters = done.GetProperty("parameters");
        string Type(string name) => parameters.GetProperty(name).GetProperty("type").GetString()!;
        (Type("run"), Type("count"), Type("ratio"), Type("when"), Type("note")).ShouldBe(("string", "long", "double", "date", "string"));
        parameters.GetProperty("count").GetProperty("value").GetInt64().ShouldBe(4);
        parameters.GetProperty("ratio").GetProperty("value").GetDouble().ShouldBe(2.0);
        DateTimeOffset.Parse(parameters.GetProperty("when").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        parameters.GetProperty("note").GetProperty("identifying").GetBoolean().ShouldBeFalse();
        done.GetProperty("steps")[0].GetProperty("readCount").GetInt64().ShouldBe(4);
    }

    [Fact]
    public async Task StartJob_InstanceRunning_Is409()
    {
        await using var app = ApiTestApp.Create(azurite);
        var first = await app.StartAsync(TestJobs.Slow, """{"run": "busy"}""");

        using var again = await app.PostJsonAsync($"/api/jobs/{TestJobs.Slow}", """{"parameters": {"run": "busy"}}""");

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ApiTestApp.JsonAsync(again);
        problem.GetProperty("title").GetString().ShouldBe("Job execution already running");
        (await app.PostAsync($"/api/executions/{first.GetProperty("id").GetString()}/stop")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task StartJob_InstanceComplete_Is409()
    {
        await using var app = ApiTestApp.Create(azurite);
        var first = await app.StartAsync(TestJobs.Numbers, """{"run": "once"}""");
        await app.FollowAsync(new Uri(first.GetProperty("executionGetUri").GetString()!));

        using var again = await app.PostJsonAsync($"/api/jobs/{TestJobs.Numbers}", """{"parameters": {"run": "once"}}""");

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ApiTestApp.JsonAsync(again)).GetProperty("title").GetString().ShouldBe("Job instance already complete");
    }

    [Theory]
    [InlineData("{\"parameters\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"parameters\": [\"run\"]}")]
    public async Task StartJob_MalformedBody_Is400(string body)
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.PostJsonAsync($"/api/jobs/{TestJobs.Numbers}", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        ApiTestApp.Errors(await ApiTestApp.JsonAsync(response)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task StartJob_BodyOverOneMebibyte_Is413()
    {
        await using var app = ApiTestApp.Create(azurite);
        var note = new string('x', 1024 * 1024);

        using var response = await app.PostJsonAsync($"/api/jobs/{TestJobs.Numbers}", $$$"""{"parameters": {"run": "big", "note": "{{{note}}}"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await ApiTestApp.JsonAsync(response)).GetProperty("title").GetString().ShouldBe("Request body too large");
    }

    [Fact]
    public async Task ListJobs_TypedJob_ShowsParametersTypesAndInput()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.GetAsync("/api/jobs");

        var jobs = (await ApiTestApp.JsonAsync(response)).EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);
        jobs.Keys.ShouldBe([TestJobs.CsvImport, TestJobs.Numbers, TestJobs.Plain, TestJobs.Slow], ignoreOrder: true);
        var numbers = jobs[TestJobs.Numbers];
        numbers.GetProperty("requiredParameters").EnumerateArray().Select(p => p.GetString()).ShouldBe(["run"]);
        numbers.GetProperty("parameterTypes").GetProperty("count").GetString().ShouldBe("long");
        numbers.GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
        var input = jobs[TestJobs.CsvImport].GetProperty("input");
        (input.GetProperty("container").GetString(), input.GetProperty("prefix").GetString(), input.GetProperty("parameterName").GetString())
            .ShouldBe((app.Jobs.InputContainer, TestJobs.InputPrefix, "input.file"));
    }

    [Theory]
    [InlineData("GET", "/api/jobs")]
    [InlineData("POST", "/api/jobs/numbers")]
    [InlineData("POST", "/api/jobs/csvImport/files?name=a.csv")]
    [InlineData("GET", "/api/executions")]
    [InlineData("GET", "/api/executions/0123456789abcdef0123456789abcdef")]
    [InlineData("POST", "/api/executions/0123456789abcdef0123456789abcdef/stop")]
    [InlineData("POST", "/api/executions/0123456789abcdef0123456789abcdef/restart")]
    [InlineData("POST", "/api/executions/0123456789abcdef0123456789abcdef/abandon")]
    [InlineData("GET", "/api/executions/0123456789abcdef0123456789abcdef/skips")]
    public async Task Endpoint_WithoutKey_Is401(string method, string path)
    {
        await using var app = ApiTestApp.Create(azurite);
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), ApiTestApp.Relative(path));
        if (method == "POST")
        {
            request.Content = new StringContent("""{"parameters": {"run": "r"}}""", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEveryEndpoint()
    {
        await using var app = ApiTestApp.Create(azurite);

        using var response = await app.GetAsync("/openapi/v1.json");

        var document = await ApiTestApp.JsonAsync(response);
        var paths = document.GetProperty("paths");
        var operations = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .Where(o => o.Operation.TryGetProperty("operationId", out _))
            .ToDictionary(o => o.Operation.GetProperty("operationId").GetString()!);
        string[] expected = ["ListJobs", "StartJob", "UploadJobFile", "QueryExecutions", "GetExecution", "StopExecution", "RestartExecution", "AbandonExecution", "GetExecutionSkips"];
        expected.ShouldAllBe(name => operations.ContainsKey(name));
        operations["StartJob"].Path.ShouldBe("/api/jobs/{jobName}");
        operations["GetExecution"].Path.ShouldBe("/api/executions/{id}");
        var start = operations["StartJob"].Operation;
        start.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        start.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["202", "400", "401", "404", "409", "413"], ignoreOrder: true);
        start.GetProperty("responses").GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
    }
}
