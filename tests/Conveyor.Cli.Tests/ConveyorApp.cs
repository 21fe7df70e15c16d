using Azure.Storage.Blobs;
using Conveyor.Batch.Hosting;
using Conveyor.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Cli.Tests;

/// <summary>
/// The real app (src/Conveyor.Server) in-process for the remote commands, on a task hub and tables of its own in the
/// shared Azurite, with a function key and the test jobs. Only the tests reference the app; the CLI never does.
/// </summary>
public sealed class ConveyorApp(AzuriteFixture azurite) : WebApplicationFactory<global::Program>
{
    public const string FunctionKey = "cli-test-function-key";

    public string InputContainer { get; } = AzuriteFixture.UniqueName("in");

    public string ConnectionString => azurite.ConnectionString;

    /// <summary>Returns the arguments that point a remote command at this app with its key.</summary>
    public string[] Remote(params string[] args) => [.. args, "--url", Server.BaseAddress.AbsoluteUri, "--key", FunctionKey];

    /// <summary>Returns the handler that reaches the in-process server.</summary>
    public HttpMessageHandler Handler => Server.CreateHandler();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("Conveyor:TaskHubName", AzuriteFixture.UniqueName("hub"));
        builder.UseSetting("Conveyor:TablePrefix", AzuriteFixture.UniqueName("cli"));
        builder.UseSetting("Conveyor:PartitionCount", "1");
        builder.UseSetting("Conveyor:Worker:MaxPollingInterval", "00:00:00.200");
        builder.UseSetting("Conveyor:Keys:Function:0", FunctionKey);
        builder.ConfigureServices(services => services.AddConveyorJobs((registry, provider) => registry
            .Add(TestJobs.Numbers())
            .Add(TestJobs.Failing())
            .Add(TestJobs.Slow())
            .Add(TestJobs.Lines(provider.GetRequiredService<BlobServiceClient>(), InputContainer))));
    }
}
