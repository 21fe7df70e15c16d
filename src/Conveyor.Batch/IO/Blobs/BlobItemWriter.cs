using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Conveyor.Batch.Item;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Writes chunks to one block blob, as CSV (with an optional header row) or JSON lines, the output of consecutive chunks
/// gathered into blocks of about <see cref="BlobItemWriterOptions{T}.BlockSize"/>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Chunks are formatted into a buffer; when a new chunk starts and the buffer holds a block's worth, the buffer is staged
/// in the background (one block in flight at a time) while the next chunks fill the other buffer. A block's id is
/// derived from the writer's <see cref="BlobItemWriterOptions{T}.Name"/> and the sequence of its first chunk, so staging
/// a block again after a restart replaces it instead of adding one. Writing the chunk that was written last again (a
/// retry, or the skip scan of a failed chunk) replaces it; a chunk whose write throws leaves nothing behind.
/// </para>
/// <para>
/// <see cref="UpdateAsync"/> (called at every checkpoint) stages what is buffered, commits the block list — the header
/// block first, then the blocks in order — and records that list (as first and last chunk sequence of each block, under
/// <c>{name}.blocks</c>) in the execution context. The blob is therefore always the header plus the chunks up to a
/// commit; chunks written since are staged or buffered, not visible.
/// </para>
/// <para>
/// Guarantee: after a crash and restart from the last saved context, the blob holds every checkpointed chunk exactly
/// once. <see cref="OpenAsync"/> takes the saved list as the committed one, so the next commit (at the next checkpoint,
/// or on close) drops blocks committed after the last saved checkpoint; the chunks after the checkpoint are read again
/// and staged again under the same ids. The header is written once. A blob holds at most 50,000 blocks.
/// </para>
/// <para>
/// One writer per blob; two runs of one partition are fenced: <see cref="OpenAsync"/> reads the blob's ETag and every
/// commit is If-Match the ETag this writer saw last, so a run that another run has overtaken cannot put its older list
/// back — its commit throws <see cref="Repository.JobRepositoryConcurrencyException"/>. A commit whose answer was lost
/// and whose retry was refused is recognised as this writer's own. <see cref="OpenAsync"/> changes nothing in the blob:
/// the caller confirms the run still owns the partition after it and before the first commit (a run that took over
/// meanwhile has read the blob after this one).
/// </para>
/// </remarks>
public sealed class BlobItemWriter<T> : IItemWriter<T>, IItemStream, IAsyncDisposable
{
    private const int MaxBlocks = 50_000;
    private static readonly byte[] LineFeed = "\n"u8.ToArray();

    private readonly BlockBlobClient _blob;
    private readonly FencedBlockBlob _fence;
    private readonly BlobItemWriterOptions<T> _options;
    private readonly string _idPrefix;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly CsvWriterOptions _csvOptions;
    private readonly List<long[]> _committed = [];
    private readonly List<long[]> _staged = [];
    private MemoryStream _buffer = new();
    private MemoryStream _spare = new();
    private long _bufferFirst = -1;
    private (long Sequence, long Offset, long Previous)? _tail;
    private long _last = -1;
    private Task? _staging;
    private (long First, long Last, MemoryStream Data)? _unstaged;
    private bool _opened;
    private bool _dirty;

    /// <summary>Initializes a new instance of the <see cref="BlobItemWriter{T}"/> class.</summary>
    /// <param name="blob">The output blob (for partitioned steps, one per partition).</param>
    /// <param name="options">The format and the writer's name.</param>
    public BlobItemWriter(BlobClient blob, BlobItemWriterOptions<T> options)
        : this((blob ?? throw new ArgumentNullException(nameof(blob))).GetParentBlobContainerClient().GetBlockBlobClient(blob.Name), options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BlobItemWriter{T}"/> class.</summary>
    /// <param name="blob">The output block blob (for partitioned steps, one per partition).</param>
    /// <param name="options">The format and the writer's name.</param>
    public BlobItemWriter(BlockBlobClient blob, BlobItemWriterOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _blob = blob;
        _fence = new FencedBlockBlob(blob);
        _options = options;
        _jsonOptions = options.JsonOptions ?? JsonSerializerOptions.Web;
        _csvOptions = CsvWriterOptions.Default with { Separator = options.Delimiter, ValidateFieldCount = false };
        _idPrefix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(options.Name)), 0, 8);
    }

    private string BlocksKey => _options.Name + ".blocks";

    private bool HasHeader => _options.Format == BlobOutputFormat.Csv && _options.Header is not null;

    /// <summary>Returns the id of a block: base64 of a fixed-length text of the writer's name hash and the block's first chunk sequence.</summary>
    /// <param name="name">The writer's name.</param>
    /// <param name="sequence">The sequence of the block's first chunk, or -1 for the header.</param>
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
        _committed.Clear();
        _staged.Clear();
        _buffer.SetLength(0);
        _bufferFirst = -1;
        _tail = null;
        _unstaged = null;
        _last = -1;
        _dirty = true;

        // Only read, never commit here: a run of this partition that lost it while it opened must not put an older
        // list back; the first commit happens after the caller confirmed this run still owns the partition.
        await _fence.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (executionContext.Get<long[][]?>(BlocksKey) is { } blocks)
        {
            // The next commit drops whatever was committed after the checkpoint.
            _committed.AddRange(blocks);
            _last = blocks.Length > 0 ? blocks[^1][1] : -1;
            return;
        }

        if (HasHeader)
        {
            using var header = new MemoryStream();
            FormatCsv(header, w => w.WriteHeader([.. _options.Header!]));
            header.Position = 0;
            await _blob.StageBlockAsync(FormatBlockId(_idPrefix, -1), header, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">
    /// The chunk's sequence is not after the last chunk written (only the last chunk may be written again), or the blob
    /// would need more than 50,000 blocks.
    /// </exception>
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

        if (_tail is { } tail && tail.Sequence == chunk.Sequence)
        {
            _buffer.SetLength(tail.Offset);
            _last = tail.Previous;
        }
        else if (chunk.Sequence <= _last)
        {
            throw new InvalidOperationException(
                $"Chunk {chunk.Sequence} cannot be written after chunk {_last}: chunks are written in increasing sequence order, and only the chunk written last may be written again until it is staged.");
        }
        else
        {
            if (_buffer.Length >= _options.BlockSize)
            {
                await StageBufferAsync(cancellationToken).ConfigureAwait(false);
            }

            _tail = (chunk.Sequence, _buffer.Length, _last);
        }

        var start = _tail.Value.Offset;
        try
        {
            if (_options.Format == BlobOutputFormat.Csv)
            {
                FormatCsv(_buffer, writer => WriteRows(writer, chunk));
            }
            else
            {
                FormatJsonLines(_buffer, chunk);
            }
        }
        catch
        {
            // Nothing of a failed chunk stays behind; the chunk before it can no longer be replaced.
            _buffer.SetLength(start);
            _tail = null;
            _bufferFirst = start == 0 ? -1 : _bufferFirst;
            throw;
        }

        _bufferFirst = start == 0 ? chunk.Sequence : _bufferFirst;
        _last = chunk.Sequence;
        _dirty = true;
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        executionContext.Put(BlocksKey, _committed.ToArray());
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken = default) => FlushAsync(cancellationToken);

    /// <summary>Waits for a block being staged in the background, if any; the buffers are then released.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_staging is { } staging)
        {
            _staging = null;
            await staging.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }

        await _buffer.DisposeAsync().ConfigureAwait(false);
        await _spare.DisposeAsync().ConfigureAwait(false);
    }

    private static string FormatBlockId(string prefix, long sequence)
    {
        var text = sequence < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}-h{0:D19}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}-c{sequence:D19}");
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Stages everything buffered, then commits the block list if anything changed since the last commit.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length > 0)
        {
            await StageBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        await WaitForStagingAsync(cancellationToken).ConfigureAwait(false);
        if (_dirty)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hands the buffer to a background stage (after the previous one finished) and continues in the spare buffer.</summary>
    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        await WaitForStagingAsync(cancellationToken).ConfigureAwait(false);
        if (_committed.Count + _staged.Count + 2 > MaxBlocks)
        {
            throw new InvalidOperationException($"A block blob holds at most {MaxBlocks} blocks; write larger chunks or blocks, or one blob per partition.");
        }

        var block = (First: _bufferFirst, Last: _last, Data: _buffer);
        (_buffer, _spare) = (_spare, _buffer);
        _buffer.SetLength(0);
        _bufferFirst = -1;
        _tail = null;
        _unstaged = block;
        _staging = StageAsync(block.First, block.Data, cancellationToken);
    }

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "Content-MD5 is the storage protocol's transfer checksum, not a security measure.")]
    private async Task StageAsync(long first, MemoryStream data, CancellationToken cancellationToken)
    {
        var bytes = data.GetBuffer().AsMemory(0, (int)data.Length);

        // The MD5 lets the service check the block arrived intact (and spares Azurite its much slower CRC64).
        var options = new BlockBlobStageBlockOptions
        {
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = MD5.HashData(bytes.Span) },
        };
        using var content = new MemoryStream(data.GetBuffer(), 0, (int)data.Length, writable: false);
        await _blob.StageBlockAsync(FormatBlockId(_idPrefix, first), content, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the background stage; if it failed, stages that block again (and throws if that fails too).</summary>
    private async Task WaitForStagingAsync(CancellationToken cancellationToken)
    {
        if (_staging is { } staging)
        {
            _staging = null;
            try
            {
                await staging.ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await StageAsync(_unstaged!.Value.First, _unstaged.Value.Data, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (_unstaged is { } unstaged)
        {
            await StageAsync(unstaged.First, unstaged.Data, cancellationToken).ConfigureAwait(false);
        }

        if (_unstaged is { } staged)
        {
            _staged.Add([staged.First, staged.Last]);
            _unstaged = null;
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>(_committed.Count + _staged.Count + 1);
        if (HasHeader)
        {
            ids.Add(FormatBlockId(_idPrefix, -1));
        }

        ids.AddRange(_committed.Concat(_staged).Select(b => FormatBlockId(_idPrefix, b[0])));
        var options = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = _options.ContentType ?? (_options.Format == BlobOutputFormat.Csv ? "text/csv" : "application/x-ndjson"),
            },
        };
        await _fence.CommitAsync(ids, options, cancellationToken).ConfigureAwait(false);
        _committed.AddRange(_staged);
        _staged.Clear();
        _dirty = false;
    }

    private void WriteRows(CsvWriter writer, Chunk<T> chunk)
    {
        var fields = _options.CsvFields!;
        foreach (var item in chunk)
        {
            foreach (var field in fields(item))
            {
                writer.WriteField(field);
            }

            writer.EndRecord();
        }
    }

    private void FormatCsv(MemoryStream buffer, Action<CsvWriter> write)
    {
        using var writer = CsvWriter.Create(buffer, _csvOptions, leaveOpen: true);
        write(writer);
    }

    private void FormatJsonLines(MemoryStream buffer, Chunk<T> chunk)
    {
        foreach (var item in chunk)
        {
            JsonSerializer.Serialize(buffer, item, _jsonOptions);
            buffer.Write(LineFeed);
        }
    }
}
