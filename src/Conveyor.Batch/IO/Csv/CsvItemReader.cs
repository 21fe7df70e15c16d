using System.Globalization;
using Conveyor.Batch.Item;
using Conveyor.Storage.Blobs;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// Reads the records of a CSV blob or stream (RFC 4180: quoted fields with separators, doubled quotes and line breaks;
/// UTF-8 with or without a byte order mark) and maps each to an item.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Restart: <see cref="UpdateAsync"/> saves, under keys prefixed by <see cref="CsvItemReaderOptions.Name"/>, the byte
/// offset of the next record to read, its line number and the number of records read. <see cref="OpenAsync"/> with that
/// context opens the blob at that offset (the header row is fetched from offset 0 and read first), so a restart
/// continues exactly after the last committed record without reading what came before it.
/// </para>
/// <para>
/// Bad records: a record with the wrong field count (when <see cref="CsvItemReaderOptions.Strict"/>), with broken quoting,
/// or that the mapping function throws for, makes <see cref="ReadAsync"/> throw <see cref="MalformedRecordException"/>
/// with its line number; the reader is then already past it, so reading can continue.
/// </para>
/// <para>Line numbers count every line of the input, including the header and the lines inside quoted fields.</para>
/// </remarks>
public sealed class CsvItemReader<T> : IItemReader<T>, IItemStream, IAsyncDisposable
{
    private readonly RecordCursor _cursor;
    private readonly Func<CsvRecordView, T> _map;

    /// <summary>Initializes a new instance of the <see cref="CsvItemReader{T}"/> class over a blob.</summary>
    /// <param name="blob">The blob; it is read lazily in ranges, pinned to the version seen at open.</param>
    /// <param name="map">Turns a record into an item.</param>
    /// <param name="options">The options.</param>
    public CsvItemReader(BlobClient blob, Func<CsvRecordView, T> map, CsvItemReaderOptions? options = null)
        : this(RecordSource.From(Checked(blob), (options ?? new CsvItemReaderOptions()).BufferSize), map, options)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CsvItemReader{T}"/> class over a stream.</summary>
    /// <param name="stream">The input; offsets count from its position 0. Restarting and byte ranges need it seekable. It is not disposed by the reader.</param>
    /// <param name="map">Turns a record into an item.</param>
    /// <param name="options">The options.</param>
    public CsvItemReader(Stream stream, Func<CsvRecordView, T> map, CsvItemReaderOptions? options = null)
        : this(RecordSource.From(Checked(stream)), map, options)
    {
    }

    private CsvItemReader(RecordSource source, Func<CsvRecordView, T> map, CsvItemReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new CsvItemReaderOptions();
        options.Validate();
        _map = map;
        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            Quote = options.Quote,
            Mode = CsvMode.Rfc4180,
            TrimWhitespace = options.TrimWhitespace,
            AllowLineBreaksInQuotes = true,
            FormatProvider = options.FormatProvider ?? CultureInfo.InvariantCulture,
        };
        _cursor = new RecordCursor(
            source,
            new RecordCursorSettings(options.Name, readerOptions, options.HasHeaderRow, options.ColumnNames, options.Range, options.Strict, null));
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
