using Conveyor.Batch.Hosting;
using Conveyor.Batch.Jobs;
using Conveyor.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Server.Tests;

/// <summary>The real app in-process, on a task hub and repository tables of its own in the shared Azurite.</summary>
/// <param name="azurite">The shared Azurite.</param>
/// <param name="withKeys">Whether function and admin keys are configured.</param>
/// <param name="settings">More configuration settings.</param>
/// <param name="jobs">Registers the test's jobs with the app.</param>
public sealed class ConveyorAppFactory(
    AzuriteFixture azurite, bool withKeys = true, IReadOnlyDictionary<string, string?>? settings = null, Action<JobRegistry, IServiceProvider>? jobs = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The function key configured for the app.</summary>
    public const string FunctionKey = "test-function-key";

    /// <summary>The admin key configured for the app.</summary>
    public const string AdminKey = "test-admin-key";

    public string TaskHubName { get; } = AzuriteFixture.UniqueName("hub");

    public string TablePrefix { get; } = AzuriteFixture.UniqueName("app");

    public string ConnectionString => azurite.ConnectionString;

    /// <summary>Returns a client that sends the function key in the <c>x-functions-key</c> header.</summary>
    public HttpClient CreateClientWithKey(string key = FunctionKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("Conveyor:TaskHubName", TaskHubName);
        builder.UseSetting("Conveyor:TablePrefix", TablePrefix);
        builder.UseSetting("Conveyor:PartitionCount", "2");
        builder.UseSetting("Conveyor:Batch:PartitionTimeBudget", "00:00:05");

        // A checkpoint after every chunk, so a stop request is honoured at the next chunk boundary; and no sample jobs
        // unless a test asks for them (settings), so job listings hold the test's jobs only.
        builder.UseSetting("Conveyor:Batch:CheckpointInterval", "00:00:00");
        builder.UseSetting("Conveyor:Samples:Enabled", "false");
        if (withKeys)
        {
            builder.UseSetting("Conveyor:Keys:Function:0", FunctionKey);
            builder.UseSetting("Conveyor:Keys:Admin:0", AdminKey);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        // Test timings for the Durable Task engine: short queue polling, leases and visibility timeouts.
        builder.ConfigureTestServices(services => services.PostConfigure<ConveyorOptions>(options => options.TaskHub = FastTaskHub.Apply));
        if (jobs is not null)
        {
            builder.ConfigureTestServices(services => services.AddConveyorJobs(jobs));
        }
    }
}
