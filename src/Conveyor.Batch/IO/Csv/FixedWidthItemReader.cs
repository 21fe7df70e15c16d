using System.Globalization;
using Conveyor.Batch.Item;
using Conveyor.Storage.Blobs;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// Reads the lines of a fixed-width blob or stream (each line a record, columns by width, no separators; UTF-8) and maps
/// each to an item.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Restart: <see cref="UpdateAsync"/> saves, under keys prefixed by <see cref="FixedWidthItemReaderOptions.Name"/>, the byte
/// offset of the next record to read, its line number and the number of records read. <see cref="OpenAsync"/> with that
/// context opens the blob at that offset, so a restart
/// continues exactly after the last committed record without reading what came before it.
/// </para>
/// <para>
/// Bad records: a line of the wrong length (when <see cref="FixedWidthItemReaderOptions.Strict"/>) or that the mapping
/// function throws for makes <see cref="ReadAsync"/> throw <see cref="MalformedRecordException"/>
/// with its line number; the reader is then already past it, so reading can continue.
/// </para>
/// <para>Line numbers count every line of the input, empty lines included.</para>
/// </remarks>
public sealed class FixedWidthItemReader<T> : IItemReader<T>, IItemStream, IAsyncDisposable
{
    private readonly RecordCursor _cursor;
    private readonly Func<CsvRecordView, T> _map;

    /// <summary>Initializes a new instance of the <see cref="FixedWidthItemReader{T}"/> class over a blob.</summary>
    /// <param name="blob">The blob; it is read lazily in ranges, pinned to the version seen at open.</param>
    /// <param name="map">Turns a line into an item.</param>
    /// <param name="options">The options.</param>
    public FixedWidthItemReader(BlobClient blob, Func<CsvRecordView, T> map, FixedWidthItemReaderOptions? options = null)
        : this(RecordSource.From(Checked(blob), (options ?? new FixedWidthItemReaderOptions()).BufferSize), map, options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FixedWidthItemReader{T}"/> class over a stream.</summary>
    /// <param name="stream">The input; offsets count from its position 0. Restarting and byte ranges need it seekable. It is not disposed by the reader.</param>
    /// <param name="map">Turns a line into an item.</param>
    /// <param name="options">The options.</param>
    public FixedWidthItemReader(Stream stream, Func<CsvRecordView, T> map, FixedWidthItemReaderOptions? options = null)
        : this(RecordSource.From(Checked(stream)), map, options)
    {
    }

    private FixedWidthItemReader(RecordSource source, Func<CsvRecordView, T> map, FixedWidthItemReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new FixedWidthItemReaderOptions();
        options.Validate();
        _map = map;
        var readerOptions = CsvReaderOptions.Default with
        {
            Mode = CsvMode.FixedWidth,
            FieldWidths = [.. options.FieldWidths],
            TrimWhitespace = options.TrimWhitespace,
            FormatProvider = options.FormatProvider ?? CultureInfo.InvariantCulture,
        };
        int? lineWidth = options.Strict ? options.FieldWidths.Sum() : null;
        _cursor = new RecordCursor(
            source,
            new RecordCursorSettings(options.Name, readerOptions, false, options.ColumnNames, options.Range, false, lineWidth));
    }

    /// <summary>Gets the bytes of the input (or of the range) read so far, for progress reports.</summary>
    public long BytesRead => _cursor.BytesRead;

    /// <summary>Gets the bytes of the input (or of the range), when known.</summary>
    public long? BytesTotal => _cursor.BytesTotal;

    /// <summary>Gets the number of records read so far, bad ones included, across restarts.</summary>
    public long RecordCount => _cursor.RecordCount;

    /// <inheritdoc/>
    /// <exception cref="MalformedRecordException">The record is malformed; the next call reads the record after it.</exception>
    public ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default) => _cursor.ReadAsync(_map, cancellationToken);

    /// <inheritdoc/>
    public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) =>
        _cursor.OpenAsync(executionContext, cancellationToken);

    /// <inheritdoc/>
    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        _cursor.Update(executionContext);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken = default) => await _cursor.DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _cursor.DisposeAsync();

    private static TArg Checked<TArg>(TArg value)
        where TArg : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
