using Azure.Storage.Blobs;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.Steps;
using Conveyor.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Server.Tests.Triggers;

/// <summary>A job that triggers on upload, its input container, and apps on one shared hub and table prefix.</summary>
internal sealed class TriggerTestApp
{
    private readonly AzuriteFixture azurite;

    public TriggerTestApp(AzuriteFixture azurite, bool strictValidator = false)
    {
        this.azurite = azurite;
        var builder = new JobBuilder(AzuriteFixture.UniqueName("upload"));
        if (strictValidator)
        {
            builder.Validator(["input.file"], ["label"]);
        }

        Job = builder
            .Input(Container, "incoming/", "input.file", triggerOnUpload: true)
            .Start(new StepBuilder("s").Chunk<int, int>(5).Reader(_ => new InMemoryItemReader<int>([1, 2])).Writer(_ => new InMemoryItemWriter<int>()).Build())
            .Build();
    }

    public string Hub { get; } = AzuriteFixture.UniqueName("hub");

    public string Prefix { get; } = AzuriteFixture.UniqueName("app");

    public string Container { get; } = AzuriteFixture.UniqueName("in-");

    public JobDefinition Job { get; }

    public BlobContainerClient Blobs => new(azurite.ConnectionString, Container);

    /// <summary>Starts an app on the shared hub and tables; <paramref name="polling"/> null disables the poller.</summary>
    public WebApplicationFactory<Program> Start(TimeSpan? polling, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Conveyor:TaskHubName"] = Hub,
            ["Conveyor:TablePrefix"] = Prefix,
            ["Conveyor:BlobTrigger:Enabled"] = polling is null ? "false" : "true",
            ["Conveyor:BlobTrigger:PollingInterval"] = (polling ?? TimeSpan.FromSeconds(5)).ToString("c"),
            ["Conveyor:BlobTrigger:PageSize"] = "2",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var job = Job;
        return new ConveyorAppFactory(azurite, settings: settings)
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddConveyorJobs((r, _) => r.Add(job))));
    }

    public async Task<Azure.ETag> UploadAsync(string name, string content)
    {
        await Blobs.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var info = await Blobs.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        return info.Value.ETag;
    }

    /// <summary>Returns the number of executions of each job instance of the job.</summary>
    public static async Task<Dictionary<string, int>> ExecutionsAsync(IServiceProvider services, string jobName)
    {
        var repository = services.GetRequiredService<IJobRepository>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var instance in repository.GetJobInstancesAsync(jobName, TestContext.Current.CancellationToken))
        {
            counts[instance.InstanceId] = (await repository.GetJobExecutionsAsync(instance.InstanceId, TestContext.Current.CancellationToken)).Count;
        }

        return counts;
    }

    public static async Task<Dictionary<string, int>> WaitForInstancesAsync(IServiceProvider services, string jobName, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var executions = await ExecutionsAsync(services, jobName);
            if (executions.Count >= count)
            {
                return executions;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
