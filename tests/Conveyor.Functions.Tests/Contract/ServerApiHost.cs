extern alias server;
using System.Text.Json.Nodes;
using Conveyor.Batch.Hosting;
using Conveyor.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerProgram = server::Program;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>The standalone server in-process, spoken to over HTTP with a function key.</summary>
internal sealed class ServerApiHost(AzuriteFixture azurite, ContractJobs jobs) : WebApplicationFactory<ServerProgram>, IApiHost
{
    private const string FunctionKey = "contract-function-key";

    private HttpClient? _client;

    public string Name => "server";

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string target, HttpContent? content = null)
    {
        _client ??= CreateClient();
        using var request = new HttpRequestMessage(method, target) { Content = content };
        request.Headers.Add("x-functions-key", FunctionKey);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiAnswer(
            (int)response.StatusCode,
            response.Headers.Location?.OriginalString,
            response.Headers.RetryAfter?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            text.Length == 0 ? null : JsonNode.Parse(text));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("Conveyor:TaskHubName", AzuriteFixture.UniqueName("hub"));
        builder.UseSetting("Conveyor:TablePrefix", AzuriteFixture.UniqueName("srv"));
        builder.UseSetting("Conveyor:Batch:CheckpointInterval", "00:00:00");
        builder.UseSetting("Conveyor:Samples:Enabled", "false");
        builder.UseSetting("Conveyor:BlobTrigger:Enabled", "false");
        builder.UseSetting("Conveyor:Keys:Function:0", FunctionKey);
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<ConveyorOptions>(options => options.TaskHub = FastTaskHub.Apply);
            services.AddConveyorJobs(jobs.Register);
        });
    }
}
