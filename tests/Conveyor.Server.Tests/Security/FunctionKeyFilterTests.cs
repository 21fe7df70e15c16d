using System.Net;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Security;

public sealed class FunctionKeyFilterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_WithoutKey_IsAnonymous()
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_Document_IsServed()
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = app.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        document.ShouldContain("\"openapi\"");
        document.ShouldContain("/api/health");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task FunctionEndpoint_WithoutRightKey_Is401ProblemDetails(string? key)
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = key is null ? app.CreateClient() : app.CreateClientWithKey(key);

        using var response = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldContain("x-functions-key");
        body.ShouldNotContain(ConveyorAppFactory.FunctionKey);
    }

    [Theory]
    [InlineData(ConveyorAppFactory.FunctionKey)]
    [InlineData(ConveyorAppFactory.AdminKey)]
    public async Task FunctionEndpoint_WithFunctionOrAdminKeyHeader_Is200(string key)
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = app.CreateClientWithKey(key);

        using var response = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FunctionEndpoint_WithCodeQuery_Is200()
    {
        await using var app = new ConveyorAppFactory(azurite);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri($"/api/jobs?code={ConveyorAppFactory.FunctionKey}", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FunctionEndpoint_NoKeysConfiguredInDevelopment_AcceptsLocalRequests()
    {
        await using var app = new ConveyorAppFactory(azurite, withKeys: false);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
