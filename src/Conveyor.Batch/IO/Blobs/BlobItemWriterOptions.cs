using System.Text.Json;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>Options of a <see cref="BlobItemWriter{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class BlobItemWriterOptions<T>
{
    private const int MaxBlockSize = 256 * 1024 * 1024;

    /// <summary>
    /// Gets or sets the writer's name: the prefix of its execution-context keys and the seed of its block ids.
    /// Defaults to <c>blobItemWriter</c>. Give each partition's writer its own name (or its own blob).
    /// </summary>
    public string Name { get; set; } = "blobItemWriter";

    /// <summary>Gets or sets the output format. Defaults to <see cref="BlobOutputFormat.Csv"/>.</summary>
    public BlobOutputFormat Format { get; set; } = BlobOutputFormat.Csv;

    /// <summary>Gets or sets the CSV header row, written once at the start of the blob; null (the default) for none.</summary>
    public IReadOnlyList<string>? Header { get; set; }

    /// <summary>Gets or sets the function that turns an item into its CSV fields. Required for <see cref="BlobOutputFormat.Csv"/>.</summary>
    public Func<T, IReadOnlyList<string?>>? CsvFields { get; set; }

    /// <summary>Gets or sets the CSV field separator. Defaults to a comma.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>Gets or sets the serializer options of <see cref="BlobOutputFormat.JsonLines"/>. Defaults to <see cref="JsonSerializerOptions.Web"/>.</summary>
    public JsonSerializerOptions? JsonOptions { get; set; }

    /// <summary>Gets or sets the blob's content type. Defaults to <c>text/csv</c> or <c>application/x-ndjson</c> by format.</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// Gets or sets the size at which the output of consecutive chunks is staged as one block: a chunk that starts when
    /// the current block holds at least this many bytes starts a new block. Defaults to <see cref="DefaultBlockSize"/>.
    /// Every checkpoint also ends the current block, so blocks are smaller when checkpoints are more frequent.
    /// </summary>
    public int BlockSize { get; set; } = DefaultBlockSize;

    /// <summary>The default <see cref="BlockSize"/>: 4 MiB.</summary>
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    internal void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name must not be empty.");
        }

        if (Format == BlobOutputFormat.Csv && CsvFields is null)
        {
            errors.Add("CsvFields is required for the CSV format.");
        }

        if (Format == BlobOutputFormat.JsonLines && Header is not null)
        {
            errors.Add("Header applies to the CSV format only.");
        }

        if (!Enum.IsDefined(Format))
        {
            errors.Add("Format is not a BlobOutputFormat value.");
        }

        if (Delimiter is '\r' or '\n' or '"' || Delimiter > 127)
        {
            errors.Add("Delimiter must be an ASCII character other than CR, LF and the quote.");
        }

        if (BlockSize is < 1 or > MaxBlockSize)
        {
            errors.Add($"BlockSize must be between 1 and {MaxBlockSize} bytes.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid blob writer options: " + string.Join(" ", errors), "options");
        }
    }
}
