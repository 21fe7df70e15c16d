using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conveyor.Testing;

namespace Conveyor.Functions.Tests.Triggers;

public sealed class FunctionInvocationEndpointsTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> CustomHandler = new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7777" };

    // The host's own casing (PascalCase); the other calls use the web defaults (camelCase), which are accepted too.
    private static readonly JsonSerializerOptions HostJson = JsonSerializerOptions.Default;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlobInput_Invocation_StartsTheJobOncePerVersion()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null, CustomHandler);
        await test.UploadAsync("incoming/a.csv", "1");
        using var client = app.CreateClient();
        var invocation = new { Data = new { blob = "MQ==" }, Metadata = new { BlobTrigger = $"{test.Container}/incoming/a.csv", name = "incoming/a.csv" } };

        using var first = await client.PostAsJsonAsync(new Uri("/BlobInput", UriKind.Relative), invocation, HostJson, Ct);
        using var second = await client.PostAsJsonAsync(new Uri("/BlobInput", UriKind.Relative), invocation, Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var body = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("Logs")[0].GetString()!.ShouldContain("Started");
        body.TryGetProperty("Outputs", out _).ShouldBeTrue();
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("Logs")[0].GetString()!.ShouldContain("AlreadyStarted");
        (await TriggerTestApp.ExecutionsAsync(app.Services, test.Job.Name)).Values.ShouldBe([1]);
    }

    [Fact]
    public async Task BlobInput_WithoutBlobTriggerMetadata_Is400()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null, CustomHandler);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/BlobInput", UriKind.Relative), new { Data = new { } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invocations_OutsideCustomHandlerMode_AreNotMapped()
    {
        var test = new TriggerTestApp(azurite);
        await using var app = test.Start(polling: null);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/BlobInput", UriKind.Relative), new { Data = new { }, Metadata = new { BlobTrigger = $"{test.Container}/x.csv" } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
