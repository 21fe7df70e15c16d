using System.Globalization;
using Azure.Storage.Blobs;
using CsvHelper;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// Reads the lines of a fixed-width blob or stream (each line a record, columns by width, no separators; UTF-8) and maps
/// each to an item.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Restart: <see cref="RecordItemReader{T}.UpdateAsync"/> saves, under keys prefixed by <see cref="FixedWidthItemReaderOptions.Name"/>, the byte
/// offset of the next record to read, its line number and the number of records read. <see cref="RecordItemReader{T}.OpenAsync"/> with that
/// context opens the blob at that offset, so a restart
/// continues exactly after the last committed record without reading what came before it.
/// </para>
/// <para>
/// Bad records: a line of the wrong length (when <see cref="FixedWidthItemReaderOptions.Strict"/>) or that the mapping
/// function throws for makes <see cref="RecordItemReader{T}.ReadAsync"/> throw <see cref="MalformedRecordException"/>
/// with its line number; the reader is then already past it, so reading can continue.
/// </para>
/// <para>Line numbers count every line of the input, empty lines included.</para>
/// </remarks>
public sealed class FixedWidthItemReader<T> : RecordItemReader<T>
{

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
        : base(CreateCursor(source, options), map)
    {
    }

    private static RecordCursor CreateCursor(RecordSource source, FixedWidthItemReaderOptions? options)
    {
        options ??= new FixedWidthItemReaderOptions();
        options.Validate();
        var readerOptions = CsvReaderOptions.Default with
        {
            Mode = CsvMode.FixedWidth,
            FieldWidths = [.. options.FieldWidths],
            TrimWhitespace = options.TrimWhitespace,
            FormatProvider = options.FormatProvider ?? CultureInfo.InvariantCulture,
        };
        int? lineWidth = options.Strict ? options.FieldWidths.Sum() : null;
        return new RecordCursor(
            source,
            new RecordCursorSettings(options.Name, readerOptions, false, options.ColumnNames, options.Range, false, lineWidth));
    }

    private static TArg Checked<TArg>(TArg value)
        where TArg : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}
