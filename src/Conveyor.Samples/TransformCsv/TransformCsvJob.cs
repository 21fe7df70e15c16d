using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Samples.TransformCsv;

/// <summary>
/// The <c>transformCsv</c> job: a partitioned transform of a large CSV of trades, for trying Conveyor at scale. Each
/// partition reads a byte range of the input (cut at record boundaries) and writes its own output blob.
/// </summary>
/// <remarks>
/// <para>
/// Input: a CSV blob in the uploads container (uploads go under <c>transform/</c>) with a header row naming
/// <c>isin</c>, <c>quantity</c>, <c>price</c> and <c>customer</c>. Each row becomes <c>isin,quantity,price,customer,amount</c>
/// with the customer upper-cased and amount = quantity × price; a malformed row is skipped with its line number
/// (at most 100 per partition run).
/// </para>
/// <para>
/// Parameters: <c>input</c> (required), the input blob's name; <c>output</c> (optional), the prefix of the output blobs
/// in the results container, by default the input's name without its extension followed by <c>/</c> (a missing final
/// <c>/</c> is added); <c>partitions</c> (optional, a long, default 4), how many ranges to cut the input into, of which
/// at most 8 run at once. Partition <c>i</c> writes <c>{output}part-{i:D3}.csv</c> with a header row; a small input may
/// get fewer partitions than asked. The chunk size (rows per commit) is <see cref="SampleJobsOptions.TransformChunkSize"/>.
/// </para>
/// </remarks>
public static class TransformCsvJob
{
    /// <summary>The job's name.</summary>
    public const string Name = "transformCsv";

    /// <summary>The parameter naming the input blob in the uploads container (required).</summary>
    public const string InputParameter = "input";

    /// <summary>The parameter giving the prefix of the output blobs in the results container (optional).</summary>
    public const string OutputParameter = "output";

    /// <summary>The parameter giving the number of partitions (optional, default <see cref="DefaultPartitions"/>).</summary>
    public const string PartitionsParameter = "partitions";

    /// <summary>The prefix of the job's input blobs in the uploads container.</summary>
    public const string InputPrefix = "transform/";

    /// <summary>The number of partitions when the <c>partitions</c> parameter is absent.</summary>
    public const int DefaultPartitions = 4;

    /// <summary>The most partitions that run at once.</summary>
    public const int MaxParallelPartitions = 8;

    /// <summary>Builds the job.</summary>
    /// <param name="options">Where the job reads and writes, and its chunk size.</param>
    /// <param name="blobs">The blob service of the uploads and results containers (the app\'s long-lived client).</param>
    /// <param name="tables">The table service of the sample tables (the app\'s long-lived client).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static JobDefinition Create(SampleJobsOptions options, BlobServiceClient blobs, TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var storage = new SampleStorage(options, blobs, tables);

        var transform = new StepBuilder("transform").Chunk<Trade, PricedTrade>(options.TransformChunkSize)
            .Reader(context => new CsvItemReader<Trade>(
                storage.Uploads.GetBlobClient(InputOf(context.Parameters)),
                Trade.From,
                new CsvItemReaderOptions { Range = CsvBlobRangePartitioner.RangeOf(context.Partition) }))
            .Processor(_ => new TradePricer())
            .Writer(context => SampleStorage.CreatingContainer(
                storage.Results,
                new BlobItemWriter<PricedTrade>(
                    storage.Results.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{OutputOf(context.Parameters)}part-{context.Partition.Index:D3}.csv")),
                    new BlobItemWriterOptions<PricedTrade> { Header = PricedTrade.Header, CsvFields = t => t.Fields() })))
            .Partitioner(
                new CsvBlobRangePartitioner((parameters, _) => storage.Uploads.GetBlobClient(InputOf(parameters)), PartitionsOf),
                MaxParallelPartitions)
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(MalformedRecordException)], SkipLimit = 100 })
            .Build();

        // Only the input is required; other parameters are allowed, since an upload may add its own.
        return new JobBuilder(Name)
            .Start(transform)
            .Validator([InputParameter])
            .Input(options.UploadsContainer, InputPrefix, InputParameter)
            .Build();
    }

    /// <summary>Returns the output prefix: the <c>output</c> parameter, else the input's name without its extension; always ending with '/'.</summary>
    /// <param name="parameters">The job parameters.</param>
    /// <returns>The prefix.</returns>
    internal static string OutputOf(JobParameters parameters)
    {
        var output = parameters.GetString(OutputParameter) is { Length: > 0 } given ? given : Path.ChangeExtension(InputOf(parameters), null);
        return output.EndsWith('/') ? output : output + "/";
    }

    private static int PartitionsOf(JobParameters parameters) =>
        parameters.GetLong(PartitionsParameter) is { } count
            ? (int)Math.Clamp(count, 0, 10_000)
            : DefaultPartitions;

    private static string InputOf(JobParameters parameters) =>
        parameters.GetString(InputParameter) ?? throw new InvalidOperationException($"The parameter '{InputParameter}' is required.");
}
