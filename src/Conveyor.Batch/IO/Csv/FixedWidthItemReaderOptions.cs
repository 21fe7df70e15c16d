namespace Conveyor.Batch.IO.Csv;

/// <summary>Options of a <see cref="FixedWidthItemReader{T}"/>.</summary>
public sealed class FixedWidthItemReaderOptions
{
    /// <summary>Gets or sets the prefix of the reader's keys in the execution context. Defaults to <c>fixedWidthItemReader</c>.</summary>
    public string Name { get; set; } = "fixedWidthItemReader";

    /// <summary>Gets or sets the widths of the columns, in characters, from the start of the line. Required.</summary>
    public IReadOnlyList<int> FieldWidths { get; set; } = [];

    /// <summary>Gets or sets the column names, for by-name access in the mapping. Defaults to none.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a line whose length is not the sum of the widths is malformed (Spring
    /// Batch's strict fixed-length tokenizer). Defaults to <see langword="true"/>.
    /// </summary>
    public bool Strict { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the padding spaces around values are removed. Defaults to <see langword="true"/>.</summary>
    public bool TrimWhitespace { get; set; } = true;

    /// <summary>Gets or sets the byte range to read (lines cut at line breaks), or <see langword="null"/> for the whole input.</summary>
    public ByteRange? Range { get; set; }

    /// <summary>Gets or sets the size of the ranges fetched from a blob. Defaults to <see cref="CsvItemReaderOptions.DefaultBufferSize"/>.</summary>
    public int BufferSize { get; set; } = CsvItemReaderOptions.DefaultBufferSize;

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

        if (FieldWidths is null || FieldWidths.Count == 0 || FieldWidths.Any(w => w <= 0))
        {
            errors.Add("FieldWidths must hold at least one width, every width positive.");
        }

        if (ColumnNames is not null && FieldWidths is not null && ColumnNames.Count != FieldWidths.Count)
        {
            errors.Add("ColumnNames must name every column of FieldWidths.");
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
            throw new ArgumentException("Invalid fixed-width reader options: " + string.Join(" ", errors), "options");
        }
    }
}
