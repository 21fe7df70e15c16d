using System.Diagnostics;
using System.Text.Json;
using Conveyor.Storage.Blobs;
using Conveyor.Testing;

namespace Conveyor.Benchmarks.Storage;

/// <summary>
/// 64 MiB upload and download throughput of Conveyor's blob client against the official JS SDK, same emulator,
/// same run, same block size (8 MiB) and concurrency (4); medians of five alternating rounds after a warm-up.
/// </summary>
internal sealed class BlobThroughputBenchmark : IBenchmarkSuite
{
    private const int SizeMiB = 64;
    private const int BlockMiB = 8;
    private const int Concurrency = 4;
    private const int Repetitions = 5;

    public string Group => "storage";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(context.ConnectionString).GetBlobContainerClient("bench-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateIfNotExistsAsync(cancellationToken);
        var blob = container.GetBlobClient("conveyor.bin");
        var data = new byte[SizeMiB * 1024 * 1024];
        new Random(42).NextBytes(data);
        var content = BinaryData.FromBytes(data);
        var transfer = new BlobTransferOptions
        {
            InitialTransferSize = BlockMiB * 1024 * 1024,
            MaximumTransferSize = BlockMiB * 1024 * 1024,
            MaximumConcurrency = Concurrency,
        };

        // Rounds alternate the two clients so that drift in the machine's load hits both alike.
        await MeasureConveyorAsync(blob, content, transfer, cancellationToken);
        var ours = new List<(double Upload, double Download)>();
        var theirs = new List<(double Upload, double Download)>();
        for (var round = 0; round < Repetitions; round++)
        {
            ours.Add(await MeasureConveyorAsync(blob, content, transfer, cancellationToken));
            theirs.Add(await MeasureJsSdkAsync(context, container.Name, cancellationToken));
        }

        var upload = Median(ours.Select(r => r.Upload));
        var download = Median(ours.Select(r => r.Download));
        var jsUpload = Median(theirs.Select(r => r.Upload));
        var jsDownload = Median(theirs.Select(r => r.Download));
        context.Metric("blob_upload_mbps_conveyor", upload, "MB/s");
        context.Metric("blob_upload_mbps_jssdk", jsUpload, "MB/s");
        context.Metric("blob_upload_ratio", upload / jsUpload, "x");
        context.Metric("blob_download_mbps_conveyor", download, "MB/s");
        context.Metric("blob_download_mbps_jssdk", jsDownload, "MB/s");
        context.Metric("blob_download_ratio", download / jsDownload, "x");
        await container.DeleteIfExistsAsync(cancellationToken);
    }

    /// <summary>Uploads as 8 MiB blocks, 4 at a time, plus a commit; downloads 8 MiB ranges, 4 at a time, in order.</summary>
    private static async Task<(double Upload, double Download)> MeasureConveyorAsync(
        BlobClient blob, BinaryData content, BlobTransferOptions transfer, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await blob.UploadAsync(content, new BlobUploadOptions { TransferOptions = transfer }, cancellationToken);
        var up = watch.Elapsed;

        using var destination = new MemoryStream(content.ToMemory().Length);
        watch.Restart();
        await blob.DownloadToAsync(destination, new BlobDownloadToOptions { TransferOptions = transfer }, cancellationToken);
        var down = watch.Elapsed;
        if (!destination.GetBuffer().AsSpan(0, (int)destination.Length).SequenceEqual(content.ToMemory().Span))
        {
            throw new InvalidOperationException("The downloaded bytes differ from the uploaded ones.");
        }

        return (SizeMiB / up.TotalSeconds, SizeMiB / down.TotalSeconds);
    }

    /// <summary>One warm-up and one measured uploadData/downloadToBuffer of the JS SDK with the same block size and concurrency.</summary>
    private static async Task<(double Upload, double Download)> MeasureJsSdkAsync(BenchmarkContext context, string container, CancellationToken cancellationToken)
    {
        var output = await NodeScript.RunAsync(
            "interop/blob-bench.js", context.ConnectionString, [container, $"{SizeMiB}", "1", $"{BlockMiB}", $"{Concurrency}"], cancellationToken);
        using var js = JsonDocument.Parse(output);
        return (js.RootElement.GetProperty("upload")[0].GetDouble(), js.RootElement.GetProperty("download")[0].GetDouble());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
