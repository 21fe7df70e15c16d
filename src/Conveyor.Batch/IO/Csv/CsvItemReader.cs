using System.Globalization;
using Azure.Storage.Blobs;
using CsvHelper;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// Reads the records of a CSV blob or stream (RFC 4180: quoted fields with separators, doubled quotes and line breaks;
/// UTF-8 with or without a byte order mark) and maps each to an item.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Restart: <see cref="RecordItemReader{T}.UpdateAsync"/> saves, under keys prefixed by <see cref="CsvItemReaderOptions.Name"/>, the byte
/// offset of the next record to read, its line number and the number of records read. <see cref="RecordItemReader{T}.OpenAsync"/> with that
/// context opens the blob at that offset (the header row is fetched from offset 0 and read first), so a restart
/// continues exactly after the last committed record without reading what came before it.
/// </para>
/// <para>
/// Bad records: a record with the wrong field count (when <see cref="CsvItemReaderOptions.Strict"/>), with broken quoting,
/// or that the mapping function throws for, makes <see cref="RecordItemReader{T}.ReadAsync"/> throw <see cref="MalformedRecordException"/>
/// with its line number; the reader is then already past it, so reading can continue.
/// </para>
/// <para>Line numbers count every line of the input, including the header and the lines inside quoted fields.</para>
/// </remarks>
public sealed class CsvItemReader<T> : RecordItemReader<T>
{

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
        : base(CreateCursor(source, options), map)
    {
    }

    private static RecordCursor CreateCursor(RecordSource source, CsvItemReaderOptions? options)
    {
        options ??= new CsvItemReaderOptions();
        options.Validate();
        var readerOptions = CsvReaderOptions.Default with
        {
            Separator = options.Delimiter,
            Quote = options.Quote,
            Mode = CsvMode.Rfc4180,
            TrimWhitespace = options.TrimWhitespace,
            AllowLineBreaksInQuotes = true,
            FormatProvider = options.FormatProvider ?? CultureInfo.InvariantCulture,
        };
        return new RecordCursor(
            source,
            new RecordCursorSettings(options.Name, readerOptions, options.HasHeaderRow, options.ColumnNames, options.Range, options.Strict, null));
    }

    private static TArg Checked<TArg>(TArg value)
        where TArg : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
