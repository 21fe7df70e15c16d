using Azure.Storage.Blobs;
using Conveyor.Batch.Repository;
using Conveyor.Functions.Tests.Contract;
using Conveyor.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Functions.Tests.Triggers;

/// <summary>The blob trigger function delivered more than once for one blob version starts one execution.</summary>
public sealed class UploadFunctionsTests(ApiHostsFixture fixture) : IClassFixture<ApiHostsFixture>
{
    [Fact]
    public async Task StartJobsOnUpload_DeliveredThreeTimesForOneVersion_StartsOneExecution_AndANewVersionOneMore()
    {
        var functions = fixture.Functions;
        var blobs = functions.Services.GetRequiredService<BlobServiceClient>();
        var container = blobs.GetBlobContainerClient("uploads");
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var blob = container.GetBlobClient(fixture.Jobs.UploadPrefix + "orders.csv");
        await blob.UploadAsync(new BinaryData("id,name,qty\n1,one,1\n"), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var function = ActivatorUtilities.CreateInstance<UploadFunctions>(functions.Services);

        // Two deliveries at once (two instances of the app), then a late redelivery.
        await Task.WhenAll(
            function.StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken),
            function.StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken));
        await function.StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken);
        (await ExecutionsAsync(functions.Services)).ShouldBe(1);

        await blob.UploadAsync(new BinaryData("id,name,qty\n2,two,2\n"), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        await function.StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken);
        await function.StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken);
        (await ExecutionsAsync(functions.Services)).ShouldBe(2);
    }

    [Fact]
    public async Task StartJobsOnUpload_BlobOfNoJob_StartsNothing()
    {
        var functions = fixture.Functions;
        var container = functions.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("uploads");
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var blob = container.GetBlobClient("elsewhere/" + fixture.Jobs.UploadPrefix + "orders.csv");
        await blob.UploadAsync(new BinaryData("id,name,qty\n"), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        var before = await ExecutionsAsync(functions.Services);

        await ActivatorUtilities.CreateInstance<UploadFunctions>(functions.Services).StartJobsOnUpload(blob, functions.Client, TestContext.Current.CancellationToken);

        (await ExecutionsAsync(functions.Services)).ShouldBe(before);
    }

    private static async Task<int> ExecutionsAsync(IServiceProvider services)
    {
        var count = 0;
        await foreach (var _ in services.GetRequiredService<IJobRepository>().FindJobExecutionsAsync(
            new JobExecutionQuery { JobName = ContractJobs.OnUpload }, TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }
}
