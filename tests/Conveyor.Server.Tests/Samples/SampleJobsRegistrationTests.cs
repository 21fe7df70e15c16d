using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Samples;

public sealed class SampleJobsRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddSampleJobs_ByDefault_RegistersTheThreeSamples()
    {
        await using var app = new ConveyorAppFactory(azurite, settings: new Dictionary<string, string?> { ["Conveyor:Samples:Enabled"] = "true" });
        using var client = app.CreateClientWithKey();

        var jobs = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        jobs.ShouldNotBeNull().Select(j => j.GetProperty("name").GetString()).ShouldBe(["football", "importUsers", "transformCsv"], ignoreOrder: true);
    }

    [Fact]
    public async Task AddSampleJobs_Disabled_RegistersNone()
    {
        await using var app = new ConveyorAppFactory(azurite, settings: new Dictionary<string, string?> { ["Conveyor:Samples:Enabled"] = "false" });
        using var client = app.CreateClientWithKey();

        var jobs = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        jobs.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task DemoUserService_InDevelopment_CreatesThenFindsTheSameUser()
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = app.CreateClient();
        var user = new { email = "ada@example.com", name = "Ada" };

        using var first = await client.PutAsJsonAsync(new Uri("/samples/external-users/users/u1", UriKind.Relative), user, TestContext.Current.CancellationToken);
        using var second = await client.PutAsJsonAsync(new Uri("/samples/external-users/users/u1", UriKind.Relative), user, TestContext.Current.CancellationToken);
        using var bad = await client.PutAsJsonAsync(new Uri("/samples/external-users/users/u2", UriKind.Relative), new { email = "nobody", name = "X" }, TestContext.Current.CancellationToken);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        secondId.ShouldBe(firstId);
    }
}
