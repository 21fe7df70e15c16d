using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Conveyor.Batch.Hosting;
using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.Testing;
using Conveyor.Testing.Faults;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Batch.Tests.Hosting;

public sealed class StorageConnectionTests(AzuriteFixture azurite)
{
    private const string Secret = "c2VjcmV0LWtleS1uZXZlci1zaG93bg==";

    [Fact]
    public void FromConfiguration_ConnectionString_IsUsedAsIs()
    {
        var connection = StorageConnection.FromConfiguration(Section(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));

        connection.ConnectionString.ShouldBe("UseDevelopmentStorage=true");
        connection.BlobServiceUri.ShouldBeNull();
        connection.Credential.ShouldBeNull();
    }

    [Fact]
    public void FromConfiguration_ServiceUris_AreIdentityBased()
    {
        var connection = StorageConnection.FromConfiguration(Section(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
        }));

        connection.ConnectionString.ShouldBeNull();
        connection.BlobServiceUri.ShouldBe(new Uri("https://acct.blob.core.windows.net"));
        connection.QueueServiceUri.ShouldBe(new Uri("https://acct.queue.core.windows.net"));
        connection.TableServiceUri.ShouldBe(new Uri("https://acct.table.core.windows.net"));
        connection.Credential.ShouldNotBeNull().GetType().Name.ShouldBe("DefaultAzureCredential");
    }

    [Fact]
    public void FromConfiguration_AccountNameWithManagedIdentity_BuildsTheServiceUris()
    {
        var connection = StorageConnection.FromConfiguration(Section(new()
        {
            ["AzureWebJobsStorage:accountName"] = "myaccount",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        connection.BlobServiceUri.ShouldBe(new Uri("https://myaccount.blob.core.windows.net"));
        connection.QueueServiceUri.ShouldBe(new Uri("https://myaccount.queue.core.windows.net"));
        connection.TableServiceUri.ShouldBe(new Uri("https://myaccount.table.core.windows.net"));
        connection.Credential.ShouldNotBeNull().GetType().Name.ShouldBe("ManagedIdentityCredential");
        connection.CreateBlobServiceClient().AccountName.ShouldBe("myaccount");
    }

    [Fact]
    public void FromConfiguration_Missing_NamesEverySetting()
    {
        var error = Should.Throw<InvalidOperationException>(() => StorageConnection.FromConfiguration(Section([])));

        error.Message.ShouldContain("'AzureWebJobsStorage__blobServiceUri' is missing");
        error.Message.ShouldContain("'AzureWebJobsStorage__queueServiceUri' is missing");
        error.Message.ShouldContain("'AzureWebJobsStorage__tableServiceUri' is missing");
        error.Message.ShouldContain("'AzureWebJobsStorage__accountName'");
    }

    [Fact]
    public void FromConfiguration_InvalidValues_NamesEachSettingWithoutItsValue()
    {
        var error = Should.Throw<InvalidOperationException>(() => StorageConnection.FromConfiguration(Section(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "not a uri?sig=" + Secret,
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "password",
        })));

        error.Message.ShouldContain("'AzureWebJobsStorage__blobServiceUri' is not an absolute http(s) URI");
        error.Message.ShouldContain("'AzureWebJobsStorage__credential' must be 'managedidentity'");
        error.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void FromConfiguration_MalformedConnectionString_NeverShowsIt()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            StorageConnection.FromConfiguration(Section(new() { ["AzureWebJobsStorage"] = "AccountKey=" + Secret })));

        error.Message.ShouldContain("'AzureWebJobsStorage'");
        error.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void FromConnectionString_Empty_Throws()
    {
        Should.Throw<ArgumentException>(() => StorageConnection.FromConnectionString(" ")).Message.ShouldContain("empty");
    }

    [Fact]
    public async Task AddConveyor_IdentityBased_TaskHubUsesTheServiceUrisAndCredential()
    {
        var storage = StorageConnection.FromConfiguration(Section(new() { ["AzureWebJobsStorage:accountName"] = "myaccount" }));
        await using var services = new ServiceCollection()
            .AddConveyor(o =>
            {
                o.Storage = storage;
                o.TaskHubName = "jobs";
                o.RunWorker = false;
            }).Services.BuildServiceProvider();

        var hub = services.GetRequiredService<IOptionsMonitor<AzureStorageDurableTaskClientOptions>>().Get(Options.DefaultName).TaskHub;

        hub.ConnectionString.ShouldBeNull();
        (hub.TaskHubName, hub.BlobServiceUri, hub.QueueServiceUri, hub.TableServiceUri).ShouldBe(
            ("jobs", new Uri("https://myaccount.blob.core.windows.net"), new Uri("https://myaccount.queue.core.windows.net"), new Uri("https://myaccount.table.core.windows.net")));
        hub.Credential.ShouldBeSameAs(storage.Credential);
        hub.Validate().ShouldBeEmpty();
    }

    [Fact]
    public async Task AddConveyor_RegistersOneOfEachServiceClientOnTheConnection()
    {
        await using var services = new ServiceCollection().AddConveyor(o => o.ConnectionString = azurite.ConnectionString).Services.BuildServiceProvider();

        var blobs = services.GetRequiredService<BlobServiceClient>();
        blobs.ShouldBeSameAs(services.GetRequiredService<BlobServiceClient>());
        services.GetRequiredService<TableServiceClient>().ShouldBeSameAs(services.GetRequiredService<TableServiceClient>());
        services.GetRequiredService<QueueServiceClient>().ShouldBeSameAs(services.GetRequiredService<QueueServiceClient>());
        (await blobs.GetPropertiesAsync(TestContext.Current.CancellationToken)).GetRawResponse().Status.ShouldBe(200);
    }

    [Fact]
    public async Task AddConveyor_ClientDefaultsFromAddAzureClients_ReachEveryServiceClient()
    {
        var policy = new FaultInjectionPolicy();
        var collection = new ServiceCollection();
        collection.AddConveyor(o => o.ConnectionString = azurite.ConnectionString);
        collection.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(policy, HttpPipelinePosition.PerRetry)));
        await using var services = collection.BuildServiceProvider();
        var ct = TestContext.Current.CancellationToken;

        await services.GetRequiredService<BlobServiceClient>().GetPropertiesAsync(ct);
        var afterBlobs = policy.RequestCount;
        await services.GetRequiredService<TableServiceClient>().GetPropertiesAsync(ct);
        var afterTables = policy.RequestCount;
        await services.GetRequiredService<QueueServiceClient>().GetPropertiesAsync(ct);

        afterBlobs.ShouldBe(1);
        afterTables.ShouldBe(2);
        policy.RequestCount.ShouldBe(3);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("AzureWebJobsStorage");
}
