using Conveyor.Batch.Item;

namespace Conveyor.Batch.IO;

/// <summary>
/// A record of the input could not be read: wrong field count, broken quoting, or a value the mapping refused
/// (a number that does not parse).
/// </summary>
/// <remarks>
/// Thrown from <c>ReadAsync</c> with the reader already positioned after the bad record, so a skip policy can count
/// it as skipped and call <c>ReadAsync</c> again to continue with the next record.
/// </remarks>
public sealed class MalformedRecordException : ItemReaderException
{
    /// <summary>The longest <see cref="ItemReaderException.Record"/> kept; longer records are cut and end with an ellipsis.</summary>
    public const int MaxRecordLength = 1000;

    /// <summary>Initializes a new instance of the <see cref="MalformedRecordException"/> class.</summary>
    public MalformedRecordException()
        : this("The record is malformed.", null, string.Empty)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedRecordException"/> class.</summary>
    /// <param name="message">The reason.</param>
    public MalformedRecordException(string message)
        : this(message, null, string.Empty)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedRecordException"/> class.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public MalformedRecordException(string message, Exception? innerException)
        : this(message, null, string.Empty, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MalformedRecordException"/> class.</summary>
    /// <param name="reason">Why the record was refused.</param>
    /// <param name="lineNumber">The 1-based line the record starts on, when known.</param>
    /// <param name="record">The record's text as it is in the input; cut to <see cref="MaxRecordLength"/> characters.</param>
    /// <param name="innerException">The cause (for example the mapping's <see cref="FormatException"/>).</param>
    public MalformedRecordException(string reason, long? lineNumber, string record, Exception? innerException = null)
        : base(FormatMessage(reason, lineNumber), lineNumber, Cut(record), innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
    }

    /// <summary>Gets why the record was refused.</summary>
    public string Reason { get; } = string.Empty;

    private static string Cut(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Length > MaxRecordLength ? string.Concat(record.AsSpan(0, MaxRecordLength), "…") : record;
    }

    private static string FormatMessage(string reason, long? lineNumber) =>
        lineNumber is { } line ? $"Malformed record at line {line}: {reason}" : $"Malformed record: {reason}";
}
