using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.TestWorker;

/// <summary>
/// A one-step job that copies the records of a CSV blob with a header row, cut into byte ranges, to one headerless
/// CSV blob per partition, with the engine's own reader, partitioner and writer.
/// </summary>
/// <remarks>
/// Parameters: <c>container</c> (input and output container), <c>input</c> (blob name), <c>output</c> (prefix of the
/// output blobs, which are named <c>{output}part-NNN.csv</c>) and <c>partitions</c> (the number of byte ranges; all run at once).
/// </remarks>
public static class CsvTransformJob
{
    /// <summary>The step's name.</summary>
    public const string StepName = "transform";

    /// <summary>Defines the job; the test process and the worker define it alike, the worker to run it and the test to launch it.</summary>
    /// <param name="blobs">The blob service of the blobs (one client for the process).</param>
    /// <param name="jobName">The job's name.</param>
    /// <param name="chunkSize">Records per chunk.</param>
    /// <returns>The job.</returns>
    public static JobDefinition Create(BlobServiceClient blobs, string jobName, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        BlobClient Input(JobParameters p) => blobs.GetBlobContainerClient(p.GetString("container")!).GetBlobClient(p.GetString("input")!);
        return new JobBuilder(jobName).Start(new StepBuilder(StepName).Chunk<string[], string[]>(chunkSize)
            .Reader(ctx => new CsvItemReader<string[]>(
                Input(ctx.Parameters),
                r => [.. Enumerable.Range(0, r.FieldCount).Select(r.GetString)],
                new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(ctx.Partition) }))
            .Writer(ctx => new BlobItemWriter<string[]>(
                blobs.GetBlobContainerClient(ctx.Parameters.GetString("container")!)
                    .GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{ctx.Parameters.GetString("output")}part-{ctx.Partition.Index:D3}.csv")),
                new BlobItemWriterOptions<string[]> { CsvFields = fields => fields }))
            .Partitioner(new CsvBlobRangePartitioner((p, _) => Input(p), p => (int)p.GetLong("partitions")!.Value), maxParallel: 64)
            .Build()).Build();
    }
}
