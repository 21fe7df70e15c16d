using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.TaskHub;
using Conveyor.DurableTask.AzureStorage.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Tests.TaskHub;

public sealed class AzureStorageTaskHubOptionsTests
{
    [Fact]
    public void Validate_Defaults_NeedOnlyAHubNameAndAConnection()
    {
        var options = new AzureStorageTaskHubOptions();

        options.Validate().Count.ShouldBe(2);
        options.TaskHubName = "orders";
        options.ConnectionString = "UseDevelopmentStorage=true";
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = new AzureStorageTaskHubOptions
        {
            TaskHubName = "1-bad",
            ConnectionString = "UseDevelopmentStorage=true",
            BlobServiceUri = new Uri("https://a.blob.core.windows.net"),
            PartitionCount = 17,
            MaxConcurrentActivities = 0,
            LeaseInterval = TimeSpan.FromSeconds(5),
            LeaseRenewInterval = TimeSpan.FromSeconds(5),
        };

        var errors = options.Validate();

        errors.Count.ShouldBe(5);
        errors.ShouldContain(e => e.Contains("TaskHubName", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("either ConnectionString", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("PartitionCount", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("MaxConcurrentActivities", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("LeaseRenewInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_IdentityWithoutCredential_IsRefused()
    {
        var options = new AzureStorageTaskHubOptions
        {
            TaskHubName = "orders",
            BlobServiceUri = new Uri("https://a.blob.core.windows.net"),
            QueueServiceUri = new Uri("https://a.queue.core.windows.net"),
            TableServiceUri = new Uri("https://a.table.core.windows.net"),
        };

        options.Validate().ShouldHaveSingleItem().ShouldContain("Credential");
    }

    [Fact]
    public void UseAzureStorage_InvalidOptions_BuildingTheClientFailsWithEveryProblemInOneMessage()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskClient(b => b.UseAzureStorage(o => o.TaskHub.PartitionCount = 0));
        using var host = builder.Build();

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<DurableTaskClient>());

        error.Failures.Count().ShouldBe(3);
        error.Message.ShouldContain("TaskHubName");
        error.Message.ShouldContain("PartitionCount");
    }

    [Fact]
    public void UseAzureStorage_InvalidWorkerOptions_HostStartFails()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskWorker(b => b.UseAzureStorage(o => o.TaskHub.TaskHubName = "x"));
        using var host = builder.Build();

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetServices<IHostedService>().ToList());

        error.Message.ShouldContain("TaskHubName 'x'");
    }
}
