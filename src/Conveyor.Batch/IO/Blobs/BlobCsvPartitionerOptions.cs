namespace Conveyor.Batch.IO.Blobs;

/// <summary>Options of a <see cref="BlobCsvPartitioner"/>.</summary>
public sealed class BlobCsvPartitionerOptions
{
    /// <summary>Gets or sets the field separator. Defaults to a comma.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>Gets or sets the quote character. Defaults to <c>"</c>.</summary>
    public char Quote { get; set; } = '"';

    /// <summary>Gets or sets a value indicating whether the input starts with a header row, which no range includes. Defaults to <see langword="true"/>.</summary>
    public bool HasHeaderRow { get; set; } = true;

    /// <summary>Gets or sets the size of the ranges fetched from the blob while scanning. Defaults to 8 MiB.</summary>
    public int BufferSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Delimiter is '\r' or '\n' || Delimiter > 127)
        {
            errors.Add("Delimiter must be an ASCII character other than CR and LF.");
        }

        if (Quote == Delimiter || Quote is '\r' or '\n' || Quote > 127)
        {
            errors.Add("Quote must be an ASCII character other than CR, LF and the delimiter.");
        }

        if (BufferSize < 1024)
        {
            errors.Add("BufferSize must be at least 1024.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid partitioner options: " + string.Join(" ", errors), "options");
        }
    }
}
