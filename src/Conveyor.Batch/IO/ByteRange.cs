namespace Conveyor.Batch.IO;

/// <summary>
/// A part of a file to read: the records that start at or after <see cref="Start"/> and before <see cref="End"/>.
/// </summary>
/// <param name="Start">The offset of the first record (a record boundary).</param>
/// <param name="End">The offset the last record starts before; exclusive.</param>
public readonly record struct ByteRange(long Start, long End)
{
    /// <summary>Gets the 1-based line number of the line at <see cref="Start"/>, when known (readers report line numbers only then).</summary>
    public long? FirstLineNumber { get; init; }

    /// <summary>Gets the number of bytes in the range.</summary>
    public long Length => End - Start;

    /// <summary>Checks the range.</summary>
    /// <param name="parameterName">The parameter being checked.</param>
    /// <exception cref="ArgumentOutOfRangeException">Start is negative or after End.</exception>
    internal void Validate(string parameterName)
    {
        if (Start < 0 || End < Start)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"A byte range needs 0 <= Start <= End; got [{Start}, {End}).");
        }
    }
}
