using System.Net.Http.Headers;
using System.Text;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>
/// Every API scenario, success and error paths, against the server over HTTP and against the Functions app's HTTP
/// functions: both must answer with the same status codes, headers and bodies (execution ids and times aside).
/// </summary>
public sealed class ApiContractTests(ApiHostsFixture fixture) : IClassFixture<ApiHostsFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public Task ListJobs_AnswersTheRegisteredJobs() => SameAnswersAsync(
        async host => [await host.SendAsync(HttpMethod.Get, "/api/jobs")],
        200);

    [Fact]
    public Task StartJob_RunsToCompletion() => SameAnswersAsync(
        async host =>
        {
            var started = await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "complete", "count": 5}}"""));
            return [started, await WaitForEndAsync(host, started)];
        },
        202,
        200);

    [Fact]
    public Task StartJob_Refusals_AreProblems() => SameAnswersAsync(
        async host =>
        [
            await host.SendAsync(HttpMethod.Post, "/api/jobs/nosuch", Json("{}")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"count": 5}}""")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "x", "count": "many"}}""")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("{\"parameters\": {")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "x", "colour": "red"}}""")),
        ],
        404,
        400,
        400,
        400,
        400);

    [Fact]
    public Task CompletedExecution_RefusesStopRestartAbandonAndASecondStart() => SameAnswersAsync(
        async host =>
        {
            var started = await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "refusals"}}"""));
            var done = await WaitForEndAsync(host, started);
            var id = Id(started);
            return
            [
                started,
                done,
                await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "refusals"}}""")),
                await host.SendAsync(HttpMethod.Post, $"/api/executions/{id}/stop"),
                await host.SendAsync(HttpMethod.Post, $"/api/executions/{id}/restart"),
                await host.SendAsync(HttpMethod.Post, $"/api/executions/{id}/abandon"),
                await host.SendAsync(HttpMethod.Get, $"/api/executions/{id}/skips"),
            ];
        },
        202,
        200,
        409,
        409,
        409,
        409,
        200);

    [Fact]
    public Task UnknownAndMalformedExecutionIds_AreProblems() => SameAnswersAsync(
        async host =>
        [
            await host.SendAsync(HttpMethod.Get, "/api/executions/0123456789abcdef0123456789abcdef"),
            await host.SendAsync(HttpMethod.Get, "/api/executions/not%20an%20id"),
            await host.SendAsync(HttpMethod.Post, "/api/executions/0123456789abcdef0123456789abcdef/stop"),
            await host.SendAsync(HttpMethod.Post, "/api/executions/0123456789abcdef0123456789abcdef/restart"),
            await host.SendAsync(HttpMethod.Post, "/api/executions/0123456789abcdef0123456789abcdef/abandon"),
            await host.SendAsync(HttpMethod.Get, "/api/executions/0123456789abcdef0123456789abcdef/skips"),
        ],
        404,
        400,
        404,
        404,
        404,
        404);

    [Fact]
    public Task QueryExecutions_ByParameter_AndInvalidQueries() => SameAnswersAsync(
        async host =>
        {
            var started = await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers", Json("""{"parameters": {"run": "query-me", "count": 2}}"""));
            var done = await WaitForEndAsync(host, started);
            return
            [
                started,
                done,
                await host.SendAsync(HttpMethod.Get, "/api/executions?job=numbers&param.run=query-me"),
                await host.SendAsync(HttpMethod.Get, "/api/executions?job=numbers&param.run=nobody"),
                await host.SendAsync(HttpMethod.Get, "/api/executions?top=0"),
                await host.SendAsync(HttpMethod.Get, "/api/executions?status=SLEEPING"),
                await host.SendAsync(HttpMethod.Get, "/api/executions?continuationToken=forged"),
            ];
        },
        202,
        200,
        200,
        200,
        400,
        400,
        400);

    [Fact]
    public Task UploadJobFile_StartsTheJobAndListsItsSkips() => SameAnswersAsync(
        async host =>
        {
            var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("id,name,qty\n1,one,1\n2,two,oops\n3,three,3\n"));
            csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var started = await host.SendAsync(HttpMethod.Post, "/api/jobs/csvImport/files?name=contract.csv", csv);
            var done = await WaitForEndAsync(host, started);
            return [started, done, await host.SendAsync(HttpMethod.Get, $"/api/executions/{Id(started)}/skips")];
        },
        202,
        200,
        200);

    [Fact]
    public Task UploadJobFile_Refusals_AreProblems() => SameAnswersAsync(
        async host =>
        [
            await host.SendAsync(HttpMethod.Post, "/api/jobs/csvImport/files?name=../escape.csv", new StringContent("id,name,qty\n")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/csvImport/files", new StringContent("id,name,qty\n")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/numbers/files?name=a.csv", new StringContent("x")),
            await host.SendAsync(HttpMethod.Post, "/api/jobs/csvImport/files?name=b.csv&param.input.file=other.csv", new StringContent("id,name,qty\n")),
        ],
        400,
        400,
        400,
        400);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Id(ApiAnswer started) => started.Body?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"No id in the answer {started}.");

    private static async Task<ApiAnswer> WaitForEndAsync(IApiHost host, ApiAnswer started)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            var status = await host.SendAsync(HttpMethod.Get, $"/api/executions/{Id(started)}");
            // Ended: the execution (200) and its orchestration, which completes just after it records the end.
            if ((status.Status != 202 && status.Body?["runtimeStatus"]?.GetValue<string>() is not ("Running" or "Pending")) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> on each host in turn; requires the expected statuses and equal normalized answers.</summary>
    private async Task SameAnswersAsync(Func<IApiHost, Task<ApiAnswer[]>> scenario, params int[] expectedStatuses)
    {
        var answers = new List<(string Host, IReadOnlyList<string> Answers)>();
        foreach (var host in fixture.Hosts)
        {
            var raw = await scenario(host);
            raw.Select(a => a.Status).ShouldBe(expectedStatuses, $"{host.Name}: {string.Join("\n", raw.Select(a => a.ToString()))}");
            var ids = raw.SelectMany(AnswerNormalizer.ExecutionIds).ToList();
            answers.Add((host.Name, raw.Select(a => AnswerNormalizer.Normalize(a, ids)).ToList()));
        }

        for (var i = 0; i < expectedStatuses.Length; i++)
        {
            answers[1].Answers[i].ShouldBe(answers[0].Answers[i], $"answer {i + 1}: {answers[1].Host} differs from {answers[0].Host}");
        }
    }
}
