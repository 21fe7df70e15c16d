namespace Conveyor.Batch.Item;

/// <summary>A record could not be read; carries where it was, so a skip can report the line.</summary>
public class ItemReaderException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ItemReaderException"/> class.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="lineNumber">The record's first line, when known.</param>
    /// <param name="record">The raw record text, when known.</param>
    /// <param name="innerException">The cause.</param>
    public ItemReaderException(string message, long? lineNumber, string? record = null, Exception? innerException = null)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
        Record = record;
    }

    /// <summary>Initializes a new instance of the <see cref="ItemReaderException"/> class.</summary>
    public ItemReaderException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ItemReaderException"/> class.</summary>
    /// <param name="message">The reason.</param>
    public ItemReaderException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ItemReaderException"/> class.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public ItemReaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the record's first line, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the raw record text (possibly truncated), when known.</summary>
    public string? Record { get; }
}
