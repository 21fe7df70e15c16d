namespace Conveyor.Batch.IO.Blobs;

/// <summary>The text format a <see cref="BlobItemWriter{T}"/> writes.</summary>
public enum BlobOutputFormat
{
    /// <summary>RFC 4180 CSV (CRLF line ends, quotes where needed), written with CsvHelper, with an optional header row.</summary>
    Csv,

    /// <summary>JSON lines: one JSON document per item, each ending with a line feed.</summary>
    JsonLines,
}
