using System.Buffers;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Splits one CSV blob into byte ranges cut at record boundaries, for partitions that each read their own range with
/// <see cref="Csv.CsvItemReader{T}"/> (<see cref="Csv.CsvItemReaderOptions.Range"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why a scan: whether a line feed ends a record depends on whether it is inside a quoted field, and that cannot be
/// decided locally — a quoted field may hold line breaks and quotes, so looking at the bytes near a cut point cannot
/// tell "inside quotes" from "outside" in general. The partitioner therefore makes one sequential pass from offset 0,
/// keeping only the in-quotes state (no field parsing, no allocation per record): it jumps from quote to quote inside
/// quoted fields and from line feed or quote to the next outside them, using vectorized searches. For each target
/// offset <c>length × i / N</c> it cuts after the first line feed at or after the target that is outside quotes, and
/// it stops reading once the last cut is found. The first range starts after the header row.
/// </para>
/// <para>
/// Guarantees: the ranges are in order, contiguous, and cover every byte after the header exactly once, so every
/// record belongs to exactly one range (the one its first byte is in). Fewer than N ranges are returned when the data
/// has fewer record boundaries than N (a small file), and none when it has no data after the header. Each range
/// carries the line number of its first line, so readers report true line numbers.
/// </para>
/// <para>
/// Assumptions: quotes follow RFC 4180 as CsvHelper reads it (a quote opens a quoted field only at the start of a field;
/// whitespace before an opening quote is not trimmed); records end with LF or CRLF (a file with bare-CR line ends gets
/// a single range). The blob is read pinned to one version.
/// </para>
/// </remarks>
public sealed class BlobCsvPartitioner
{
    private readonly BlobCsvPartitionerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="BlobCsvPartitioner"/> class.</summary>
    /// <param name="options">The options.</param>
    public BlobCsvPartitioner(BlobCsvPartitionerOptions? options = null)
    {
        _options = options ?? new BlobCsvPartitionerOptions();
        _options.Validate();
    }

    /// <summary>Splits the blob into at most <paramref name="partitionCount"/> ranges.</summary>
    /// <param name="blob">The CSV blob.</param>
    /// <param name="partitionCount">The number of ranges wanted (at least 1).</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The ranges, in order.</returns>
    public async Task<IReadOnlyList<ByteRange>> PartitionAsync(BlobClient blob, int partitionCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = _options.BufferSize }, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await PartitionAsync(stream, stream.Length, partitionCount, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Splits CSV read from a stream (from its current position, which counts as offset 0) into at most <paramref name="partitionCount"/> ranges.</summary>
    /// <param name="stream">The CSV bytes.</param>
    /// <param name="length">The number of bytes in the stream.</param>
    /// <param name="partitionCount">The number of ranges wanted (at least 1).</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The ranges, in order.</returns>
    public async Task<IReadOnlyList<ByteRange>> PartitionAsync(Stream stream, long length, int partitionCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var scanner = new CsvBoundaryScanner((byte)_options.Delimiter, (byte)_options.Quote);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(_options.BufferSize, 16 * 1024 * 1024));
        try
        {
            var count = 0;
            var offset = 0;
            var endOfInput = false;

            // Returns the first boundary at or after target, or null at the end of the input.
            async ValueTask<(long Offset, long Line)?> NextBoundaryAsync(long target)
            {
                while (true)
                {
                    if (offset == count)
                    {
                        if (endOfInput)
                        {
                            return null;
                        }

                        count = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                        offset = 0;
                        if (count == 0)
                        {
                            endOfInput = true;
                            return null;
                        }
                    }

                    offset += scanner.Scan(buffer.AsSpan(offset, count - offset), target, out var found);
                    if (found)
                    {
                        return (scanner.Position, scanner.Lines + 1);
                    }
                }
            }

            var start = (Offset: 0L, Line: 1L);
            if (_options.HasHeaderRow)
            {
                if (await NextBoundaryAsync(1).ConfigureAwait(false) is not { } afterHeader)
                {
                    return [];
                }

                start = afterHeader;
            }

            if (start.Offset >= length)
            {
                return [];
            }

            var ranges = new List<ByteRange>(partitionCount);
            var dataStart = start.Offset;
            var dataLength = length - dataStart;
            for (var i = 1; i < partitionCount; i++)
            {
                var target = dataStart + (long)(dataLength * (double)i / partitionCount);
                if (target <= start.Offset)
                {
                    continue;
                }

                if (await NextBoundaryAsync(target).ConfigureAwait(false) is not { } cut || cut.Offset >= length)
                {
                    break;
                }

                ranges.Add(new ByteRange(start.Offset, cut.Offset) { FirstLineNumber = start.Line });
                start = cut;
            }

            ranges.Add(new ByteRange(start.Offset, length) { FirstLineNumber = start.Line });
            return ranges;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
