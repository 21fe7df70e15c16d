namespace Conveyor.Batch.IO.Csv;

/// <summary>Options of a <see cref="CsvItemReader{T}"/>.</summary>
public sealed class CsvItemReaderOptions
{
    /// <summary>The default size of the ranges read from a blob: 8 MiB.</summary>
    /// <remarks>
    /// Two ranges are read ahead of the parser, so a reader holds up to three. Measured on Azurite 3.37 over a 120 MB
    /// blob: 8 MiB ranges cost the emulator a third of the CPU of 4 MiB ranges (0.17 s against 0.5 s), as much as one
    /// whole-blob download; larger ranges gain nothing more.
    /// </remarks>
    public const int DefaultBufferSize = 8 * 1024 * 1024;

    /// <summary>Gets or sets the prefix of the reader's keys in the execution context. Defaults to <c>csvItemReader</c>; give each reader of a step its own.</summary>
    public string Name { get; set; } = "csvItemReader";

    /// <summary>Gets or sets the field separator. Defaults to a comma.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>Gets or sets the quote character. Defaults to <c>"</c>.</summary>
    public char Quote { get; set; } = '"';

    /// <summary>Gets or sets a value indicating whether the first record is a header row of column names. Defaults to <see langword="true"/>.</summary>
    public bool HasHeaderRow { get; set; } = true;

    /// <summary>
    /// Gets or sets the column names: for an input without a header row, or to replace the names of its header row.
    /// Defaults to <see langword="null"/> (the header row's names).
    /// </summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a record whose field count differs from the number of columns is malformed.
    /// Defaults to <see langword="true"/>. The number of columns is that of <see cref="ColumnNames"/>, else of the header,
    /// else of the first record read.
    /// </summary>
    public bool Strict { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether spaces and tabs around values are removed. Defaults to <see langword="false"/>.</summary>
    public bool TrimWhitespace { get; set; }

    /// <summary>
    /// Gets or sets the byte range to read (a partition made by <see cref="Blobs.BlobCsvPartitioner"/>), or
    /// <see langword="null"/> (the default) for the whole input. The header row is read from offset 0 either way.
    /// </summary>
    public ByteRange? Range { get; set; }

    /// <summary>Gets or sets the size of the ranges fetched from a blob. Defaults to <see cref="DefaultBufferSize"/>.</summary>
    public int BufferSize { get; set; } = DefaultBufferSize;

    /// <summary>Gets or sets the culture numbers and dates are parsed with. Defaults to the invariant culture.</summary>
    public IFormatProvider? FormatProvider { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name must not be empty.");
        }

        if (Delimiter is '\r' or '\n' || Delimiter > 127)
        {
            errors.Add("Delimiter must be an ASCII character other than CR and LF.");
        }

        if (Quote == Delimiter || Quote is '\r' or '\n' || Quote > 127)
        {
            errors.Add("Quote must be an ASCII character other than CR, LF and the delimiter.");
        }

        if (ColumnNames is { Count: 0 })
        {
            errors.Add("ColumnNames must not be empty when set.");
        }

        if (Range is { } range && (range.Start < 0 || range.End < range.Start))
        {
            errors.Add("Range needs 0 <= Start <= End.");
        }

        if (BufferSize < 1)
        {
            errors.Add("BufferSize must be positive.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CSV reader options: " + string.Join(" ", errors), "options");
        }
    }
}
