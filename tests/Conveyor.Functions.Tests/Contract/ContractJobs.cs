using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Azure.Storage.Blobs;
using System.Globalization;
using Conveyor.Testing;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>The jobs every host of the contract suite registers, the same in each.</summary>
/// <param name="inputContainer">The container the CSV job reads its uploads from.</param>
internal sealed class ContractJobs(string inputContainer)
{
    /// <summary>Counts 1..count (a long, default 7) in chunks of 3; needs <c>run</c>.</summary>
    public const string Numbers = "numbers";

    /// <summary>Imports an uploaded CSV (<c>id,name,qty</c>) from <c>in/</c>, skipping malformed lines.</summary>
    public const string CsvImport = "csvImport";

    /// <summary>Imports a CSV dropped into the Functions app's <c>uploads</c> container under <see cref="UploadPrefix"/>: it triggers on upload.</summary>
    public const string OnUpload = "csvOnUpload";

    /// <summary>Gets the prefix in <c>uploads</c> the upload-triggered job watches (one per fixture).</summary>
    public string UploadPrefix { get; } = AzuriteFixture.UniqueName("drop") + "/";

    /// <summary>Registers the jobs.</summary>
    public void Register(JobRegistry registry, IServiceProvider services)
    {
        var blobs = (BlobServiceClient)services.GetService(typeof(BlobServiceClient))!;
        registry.Add(new JobBuilder(Numbers)
            .Start(new StepBuilder("count").Chunk<int, int>(3)
                .Reader(c => new InMemoryItemReader<int>(Enumerable.Range(1, (int)(c.Parameters.GetLong("count") ?? 7))))
                .Writer(_ => new DiscardWriter<int>())
                .Build())
            .Validator(new JobParametersValidator(["run"], ["count"]) { Types = new Dictionary<string, string> { ["count"] = "long" } })
            .Build());
        registry.Add(new JobBuilder(CsvImport)
            .Start(new StepBuilder("import").Chunk<CsvRow, CsvRow>(2)
                .Reader(c => new CsvItemReader<CsvRow>(
                    blobs.GetBlobContainerClient(inputContainer).GetBlobClient(c.Parameters.GetString("input.file")!),
                    r => new CsvRow(r["id"], r["name"], r.Parse<long>("qty")),
                    new CsvItemReaderOptions { FormatProvider = CultureInfo.InvariantCulture }))
                .Writer(_ => new DiscardWriter<CsvRow>())
                .FaultTolerant(new FaultTolerance { Skippable = [typeof(MalformedRecordException)], SkipLimit = 5 })
                .Build())
            .Input(inputContainer, "in/", "input.file")
            .Build());
        registry.Add(new JobBuilder(OnUpload)
            .Start(new StepBuilder("import").Chunk<CsvRow, CsvRow>(10)
                .Reader(c => new CsvItemReader<CsvRow>(
                    blobs.GetBlobContainerClient("uploads").GetBlobClient(c.Parameters.GetString("input.file")!),
                    r => new CsvRow(r["id"], r["name"], r.Parse<long>("qty")),
                    new CsvItemReaderOptions { FormatProvider = CultureInfo.InvariantCulture }))
                .Writer(_ => new DiscardWriter<CsvRow>())
                .Build())
            .Input("uploads", UploadPrefix, "input.file", triggerOnUpload: true)
            .Build());
    }

    private sealed record CsvRow(string Id, string Name, long Qty);

    private sealed class DiscardWriter<T> : IItemWriter<T>
    {
        public Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
