using System.Net.Http.Headers;
using System.Net;
using System.Text.Json;
using System.Text;
using Azure.Storage.Blobs;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Server.Tests.Api;

/// <summary>The app with the test jobs, a client with the function key, and helpers to start and follow executions.</summary>
internal sealed class ApiTestApp : IAsyncDisposable
{
    private ApiTestApp(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings)
    {
        Jobs = new TestJobs();
        Factory = new ConveyorAppFactory(azurite, settings: settings, jobs: (registry, services) => Jobs.Register(registry, services.GetRequiredService<BlobServiceClient>()));
        Client = Factory.CreateClientWithKey();
    }

    public TestJobs Jobs { get; }

    public ConveyorAppFactory Factory { get; }

    public HttpClient Client { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static ApiTestApp Create(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null) => new(azurite, settings);

    public static Uri Relative(string path) => new(path, UriKind.Relative);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.Clone();
    }

    public static string[] Errors(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(Relative(path), new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);

    public Task<HttpResponseMessage> PostAsync(string path) => Client.PostAsync(Relative(path), null, Cancellation);

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(Relative(path), Cancellation);

    public async Task<HttpResponseMessage> UploadAsync(string job, string name, string content, string query = "")
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await Client.PostAsync(Relative($"/api/jobs/{job}/files?name={Uri.EscapeDataString(name)}{query}"), body, Cancellation);
    }

    /// <summary>Starts a job and returns the 202's body (JobStarted).</summary>
    public async Task<JsonElement> StartAsync(string job, string parametersJson)
    {
        using var response = await PostJsonAsync($"/api/jobs/{job}", $$"""{"parameters": {{parametersJson}}}""");
        var body = await JsonAsync(response);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        return body;
    }

    /// <summary>Follows a status URI (as a client follows <c>Location</c>) while it answers 202; returns the 200's body.</summary>
    public async Task<JsonElement> FollowAsync(Uri location)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            using var response = await Client.GetAsync(location, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await JsonAsync(response);
            }

            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var retry = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            retry.ShouldBe(TimeSpan.FromSeconds(1));
            (response.Headers.Location ?? location).ShouldBe(location);
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>Polls a status URI until <paramref name="done"/> holds for its body.</summary>
    public async Task<JsonElement> PollUntilAsync(Uri status, Func<JsonElement, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Client.GetAsync(status, timeout.Token);
            var body = await JsonAsync(response);
            if (done(body))
            {
                return body;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
