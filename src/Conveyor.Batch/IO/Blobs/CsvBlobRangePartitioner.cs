using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Partitions a step over one CSV blob: each partition reads a byte range cut at record boundaries by
/// <see cref="BlobCsvPartitioner"/>.
/// </summary>
/// <remarks>
/// Each <see cref="PartitionSpec"/> carries the settings <see cref="StartSetting"/>, <see cref="EndSetting"/> and
/// <see cref="FirstLineSetting"/> as invariant integers; <see cref="RangeOf"/> turns them back into the
/// <see cref="ByteRange"/> to give <see cref="Csv.CsvItemReaderOptions.Range"/>. Fewer partitions than asked are
/// returned for a small blob; a blob with no records after the header gets one empty partition, so the step still runs.
/// </remarks>
public sealed class CsvBlobRangePartitioner : IPartitioner
{
    /// <summary>The setting holding the range's first byte offset.</summary>
    public const string StartSetting = "start";

    /// <summary>The setting holding the range's exclusive end offset.</summary>
    public const string EndSetting = "end";

    /// <summary>The setting holding the 1-based line number at the range's start.</summary>
    public const string FirstLineSetting = "firstLine";

    private readonly Func<JobParameters, IServiceProvider, BlobClient> _blob;
    private readonly Func<JobParameters, int> _partitionCount;
    private readonly BlobCsvPartitioner _partitioner;

    /// <summary>Initializes a new instance of the <see cref="CsvBlobRangePartitioner"/> class with a fixed partition count.</summary>
    /// <param name="blob">Returns the CSV blob to split, from the job parameters and the app's services.</param>
    /// <param name="partitionCount">The number of partitions wanted (at least 1).</param>
    /// <param name="options">The CSV dialect and scan options.</param>
    public CsvBlobRangePartitioner(Func<JobParameters, IServiceProvider, BlobClient> blob, int partitionCount, BlobCsvPartitionerOptions? options = null)
        : this(blob, Fixed(partitionCount), options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CsvBlobRangePartitioner"/> class with a partition count taken from the job parameters.</summary>
    /// <param name="blob">Returns the CSV blob to split, from the job parameters and the app's services.</param>
    /// <param name="partitionCount">Returns the number of partitions wanted (at least 1) from the job parameters.</param>
    /// <param name="options">The CSV dialect and scan options.</param>
    public CsvBlobRangePartitioner(Func<JobParameters, IServiceProvider, BlobClient> blob, Func<JobParameters, int> partitionCount, BlobCsvPartitionerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(partitionCount);
        _blob = blob;
        _partitionCount = partitionCount;
        _partitioner = new BlobCsvPartitioner(options);
    }

    /// <summary>Reads the byte range of a partition made by this partitioner.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The range, or <see langword="null"/> when the partition has no range settings (an unpartitioned step: read the whole blob).</returns>
    /// <exception cref="FormatException">A range setting is not an integer.</exception>
    public static ByteRange? RangeOf(PartitionSpec partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Get(StartSetting) is not { } start || partition.Get(EndSetting) is not { } end)
        {
            return null;
        }

        var range = new ByteRange(Parse(start, StartSetting), Parse(end, EndSetting));
        return partition.Get(FirstLineSetting) is { } line ? range with { FirstLineNumber = Parse(line, FirstLineSetting) } : range;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PartitionSpec>> PartitionAsync(JobParameters parameters, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(services);
        var count = _partitionCount(parameters);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), count, "The partition count must be at least 1.");
        }

        var blob = _blob(parameters, services) ?? throw new InvalidOperationException("The blob function returned null.");
        var ranges = await _partitioner.PartitionAsync(blob, count, cancellationToken).ConfigureAwait(false);
        if (ranges.Count == 0)
        {
            // No records: one empty range, so the step runs (and completes) with nothing to read.
            return [new PartitionSpec(0, 1, Settings(new ByteRange(0, 0)))];
        }

        var specs = new PartitionSpec[ranges.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = new PartitionSpec(i, specs.Length, Settings(ranges[i]));
        }

        return specs;
    }

    private static Func<JobParameters, int> Fixed(int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return _ => partitionCount;
    }

    private static Dictionary<string, string> Settings(ByteRange range)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StartSetting] = range.Start.ToString(CultureInfo.InvariantCulture),
            [EndSetting] = range.End.ToString(CultureInfo.InvariantCulture),
        };
        if (range.FirstLineNumber is { } line)
        {
            settings[FirstLineSetting] = line.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    private static long Parse(string value, string name) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"The partition setting '{name}' is not a non-negative integer.");
}
