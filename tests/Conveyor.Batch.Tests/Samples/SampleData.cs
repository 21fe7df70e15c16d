using Azure.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Batch.Tests.Samples;

/// <summary>The Spring Batch sample files copied next to the tests, and blobs made of them in a container of their own.</summary>
internal static class SampleData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", "Data", name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    public static async Task<BlobContainerClient> ContainerAsync(AzuriteFixture azurite)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(AzuriteFixture.UniqueName("c"));
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return container;
    }

    public static async Task<BlobClient> UploadAsync(BlobContainerClient container, string name)
    {
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(await File.ReadAllBytesAsync(PathOf(name), TestContext.Current.CancellationToken)), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
        return blob;
    }

    public static async Task<string[]> DownloadLinesAsync(BlobClient blob)
    {
        var content = await blob.DownloadContentAsync(cancellationToken: TestContext.Current.CancellationToken);
        return content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}
