using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.TestWorker;

/// <summary>
/// The job <c>transform</c>: a CSV blob (<c>id,name,text</c>) to a CSV blob per partition (<c>id,name,text_length,text</c>,
/// the name upper-cased), in chunks of <see cref="ChunkSize"/>, split into byte ranges.
/// </summary>
/// <remarks>
/// Parameters: <c>container</c>, <c>input</c> (blob name), <c>output</c> (a prefix: partition i writes
/// <c>{output}part-{i:D3}.csv</c>), <c>partitions</c> (a long).
/// </remarks>
public static class TransformJob
{
    /// <summary>The job's name.</summary>
    public const string Name = "transform";

    /// <summary>The number of items per chunk.</summary>
    public const int ChunkSize = 1000;

    /// <summary>Gets the output's header row.</summary>
    public static IReadOnlyList<string> OutputHeader { get; } = ["id", "name", "text_length", "text"];

    /// <summary>Builds the job against the storage account of <paramref name="blobs"/>.</summary>
    /// <param name="blobs">The blob service (one client for the process).</param>
    /// <returns>The job.</returns>
    public static JobDefinition Create(BlobServiceClient blobs)
    {
        BlobClient Blob(JobParameters parameters, string name) =>
            blobs.GetBlobContainerClient(parameters.GetString("container")!).GetBlobClient(name);

        return new JobBuilder(Name).Start(new StepBuilder(Name).Chunk<InputRow, OutputRow>(ChunkSize)
            .Reader(ctx => new CsvItemReader<InputRow>(
                Blob(ctx.Parameters, ctx.Parameters.GetString("input")!),
                Parse,
                new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(ctx.Partition) }))
            .Processor(_ => new MapProcessor())
            .Writer(ctx => new BlobItemWriter<OutputRow>(
                Blob(ctx.Parameters, string.Create(CultureInfo.InvariantCulture, $"{ctx.Parameters.GetString("output")}part-{ctx.Partition.Index:D3}.csv")),
                new BlobItemWriterOptions<OutputRow> { Header = OutputHeader, CsvFields = Fields }))
            .Partitioner(
                new CsvBlobRangePartitioner(
                    (p, _) => Blob(p, p.GetString("input")!),
                    p => (int)p.GetLong("partitions")!.Value),
                maxParallel: 4)
            .Build()).Build();
    }

    /// <summary>Turns a record into an input row.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The row.</returns>
    public static InputRow Parse(CsvRecordView record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.GetString(0), record.GetString(1), record.GetString(2));
    }

    /// <summary>The transformation.</summary>
    /// <param name="row">The input row.</param>
    /// <returns>The output row.</returns>
    public static OutputRow Map(InputRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Id, row.Name.ToUpperInvariant(), row.Text.Length, row.Text);
    }

    /// <summary>The CSV fields of an output row.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<string?> Fields(OutputRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [row.Id, row.Name, row.TextLength.ToString(CultureInfo.InvariantCulture), row.Text];
    }

    /// <summary>An input row.</summary>
    /// <param name="Id">The id.</param>
    /// <param name="Name">The name.</param>
    /// <param name="Text">The text.</param>
    public sealed record InputRow(string Id, string Name, string Text);

    /// <summary>An output row.</summary>
    /// <param name="Id">The id.</param>
    /// <param name="Name">The name, upper-cased.</param>
    /// <param name="TextLength">The text's length.</param>
    /// <param name="Text">The text.</param>
    public sealed record OutputRow(string Id, string Name, int TextLength, string Text);

    private sealed class MapProcessor : IItemProcessor<InputRow, OutputRow>
    {
        public ValueTask<OutputRow?> ProcessAsync(InputRow item, CancellationToken cancellationToken = default) => ValueTask.FromResult<OutputRow?>(Map(item));
    }
}
