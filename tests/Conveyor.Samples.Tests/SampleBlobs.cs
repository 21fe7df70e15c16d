using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Conveyor.Samples.Tests;

/// <summary>Uploads inputs to, and reads outputs from, the sample jobs' containers.</summary>
internal static class SampleBlobs
{
    public static async Task UploadAsync(SampleJobsOptions options, string name, byte[] content)
    {
        var container = new BlobContainerClient(options.ConnectionString, options.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static Task UploadAsync(SampleJobsOptions options, string name, string content) => UploadAsync(options, name, Encoding.UTF8.GetBytes(content));

    public static async Task<string> DownloadResultAsync(SampleJobsOptions options, string name)
    {
        var blob = new BlobContainerClient(options.ConnectionString, options.ResultsContainer).GetBlobClient(name);
        var content = await blob.DownloadContentAsync(cancellationToken: TestContext.Current.CancellationToken);
        return content.Value.Content.ToString();
    }

    /// <summary>The lines of a result blob (the writer ends lines with CRLF), without empty ones.</summary>
    public static async Task<string[]> DownloadResultLinesAsync(SampleJobsOptions options, string name) =>
        (await DownloadResultAsync(options, name)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public static async Task<List<string>> ResultNamesAsync(SampleJobsOptions options, string prefix) =>
        await new BlobContainerClient(options.ConnectionString, options.ResultsContainer)
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken: TestContext.Current.CancellationToken)
            .Select(b => b.Name)
            .ToListAsync(TestContext.Current.CancellationToken);
}
