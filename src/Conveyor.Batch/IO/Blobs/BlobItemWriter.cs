using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conveyor.Batch.Item;
using Conveyor.Storage.Blobs;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Writes chunks to one block blob, as CSV (with an optional header row) or JSON lines, one block per chunk.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Each chunk's output is staged as a block whose id is derived from the writer's <see cref="BlobItemWriterOptions{T}.Name"/>
/// and the chunk's <see cref="Chunk{T}.Sequence"/>, so writing the same chunk again replaces its block instead of adding
/// one. <see cref="UpdateAsync"/> (called at every commit) commits the block list of every chunk so far — the header
/// block first, then the chunks in sequence order — and then records that list (as sequence ranges, under
/// <c>{name}.chunks</c>) in the execution context; the blob is therefore always the header plus a prefix of the chunks.
/// </para>
/// <para>
/// Guarantee: after a crash and restart from the last saved context, the blob holds every committed chunk exactly once.
/// <see cref="OpenAsync"/> first commits the saved list again, which drops a chunk committed to the blob after the last
/// saved checkpoint; that chunk, and any chunk staged but not committed, is read again and re-staged under the same id.
/// The header is written once. One writer per blob: another writer's commit would discard this one's staged blocks.
/// A blob holds at most 50,000 blocks, so at most 49,999 chunks.
/// </para>
/// </remarks>
public sealed class BlobItemWriter<T> : IItemWriter<T>, IItemStream
{
    private const int MaxBlocks = 50_000;
    private static readonly byte[] LineFeed = "\n"u8.ToArray();

    private readonly BlobClient _blob;
    private readonly BlobItemWriterOptions<T> _options;
    private readonly string _idPrefix;
    private readonly SortedSet<long> _chunks = [];
    private readonly JsonSerializerOptions _jsonOptions;
    private bool _opened;
    private bool _dirty;

    /// <summary>Initializes a new instance of the <see cref="BlobItemWriter{T}"/> class.</summary>
    /// <param name="blob">The output blob (for partitioned steps, one per partition).</param>
    /// <param name="options">The format and the writer's name.</param>
    public BlobItemWriter(BlobClient blob, BlobItemWriterOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _blob = blob;
        _options = options;
        _jsonOptions = options.JsonOptions ?? JsonSerializerOptions.Web;
        _idPrefix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(options.Name)), 0, 8);
    }

    /// <summary>Gets the sequences of the chunks the blob is made of (committed, or staged and committed at the next update).</summary>
    public IReadOnlyCollection<long> ChunkSequences => _chunks;

    private string ChunksKey => _options.Name + ".chunks";

    private bool HasHeader => _options.Format == BlobOutputFormat.Csv && _options.Header is not null;

    /// <summary>Returns the block id of a chunk: base64 of a fixed-length text of the writer's name hash and the sequence.</summary>
    /// <param name="name">The writer's name.</param>
    /// <param name="sequence">The chunk's sequence, or -1 for the header.</param>
    /// <returns>The block id.</returns>
    internal static string BlockId(string name, long sequence)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 8);
        return FormatBlockId(prefix, sequence);
    }

    /// <inheritdoc/>
    public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        _opened = true;
        _chunks.Clear();
        if (executionContext.Get<long[][]?>(ChunksKey) is { } ranges)
        {
            foreach (var range in ranges)
            {
                for (var sequence = range[0]; sequence <= range[1]; sequence++)
                {
                    _chunks.Add(sequence);
                }
            }

            // Drops whatever was committed after the checkpoint, so the blob is exactly the checkpoint's chunks.
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (HasHeader)
        {
            var header = Format(w => w.WriteHeader([.. _options.Header!]));
            await _blob.StageBlockAsync(FormatBlockId(_idPrefix, -1), header, cancellationToken).ConfigureAwait(false);
        }

        _dirty = true;
    }

    /// <inheritdoc/>
    public async Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (!_opened)
        {
            await OpenAsync(new ExecutionContext(), cancellationToken).ConfigureAwait(false);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(chunk.Sequence, nameof(chunk));
        if (chunk.Count == 0)
        {
            return;
        }

        if (!_chunks.Contains(chunk.Sequence) && _chunks.Count >= MaxBlocks - 1)
        {
            throw new InvalidOperationException($"A block blob holds at most {MaxBlocks} blocks; write fewer, larger chunks or one blob per partition.");
        }

        var content = _options.Format == BlobOutputFormat.Csv ? FormatCsv(chunk) : FormatJsonLines(chunk);
        await _blob.StageBlockAsync(FormatBlockId(_idPrefix, chunk.Sequence), content, cancellationToken).ConfigureAwait(false);
        _chunks.Add(chunk.Sequence);
        _dirty = true;
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        if (_dirty)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        executionContext.Put(ChunksKey, ToRanges(_chunks));
    }

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_dirty)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string FormatBlockId(string prefix, long sequence)
    {
        var text = sequence < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}-h{0:D19}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}-c{sequence:D19}");
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
    }

    private static long[][] ToRanges(SortedSet<long> sequences)
    {
        var ranges = new List<long[]>();
        foreach (var sequence in sequences)
        {
            if (ranges.Count > 0 && ranges[^1][1] == sequence - 1)
            {
                ranges[^1][1] = sequence;
            }
            else
            {
                ranges.Add([sequence, sequence]);
            }
        }

        return [.. ranges];
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>(_chunks.Count + 1);
        if (HasHeader)
        {
            ids.Add(FormatBlockId(_idPrefix, -1));
        }

        ids.AddRange(_chunks.Select(s => FormatBlockId(_idPrefix, s)));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = _options.ContentType ?? (_options.Format == BlobOutputFormat.Csv ? "text/csv" : "application/x-ndjson"),
            },
        };
        await _blob.CommitBlockListAsync(ids, options, cancellationToken).ConfigureAwait(false);
        _dirty = false;
    }

    private BinaryData FormatCsv(Chunk<T> chunk) => Format(writer =>
    {
        foreach (var item in chunk)
        {
            foreach (var field in _options.CsvFields!(item))
            {
                writer.WriteField(field);
            }

            writer.EndRecord();
        }
    });

    private BinaryData Format(Action<CsvWriter> write)
    {
        using var buffer = new MemoryStream();
        var options = CsvWriterOptions.Default with { Separator = _options.Delimiter, ValidateFieldCount = false };
        using (var writer = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            write(writer);
        }

        return new BinaryData(buffer.ToArray());
    }

    private BinaryData FormatJsonLines(Chunk<T> chunk)
    {
        using var buffer = new MemoryStream();
        foreach (var item in chunk)
        {
            JsonSerializer.Serialize(buffer, item, _jsonOptions);
            buffer.Write(LineFeed);
        }

        return new BinaryData(buffer.ToArray());
    }
}
