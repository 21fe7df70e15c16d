namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// A forward-only scan of CSV bytes that tracks only whether it is inside a quoted field, to find record boundaries
/// (line feeds outside quotes) without parsing fields. Vectorized: it jumps with <c>IndexOf</c>/<c>IndexOfAny</c> from
/// one interesting byte to the next.
/// </summary>
/// <remarks>
/// The state machine is RFC 4180 with CsvHelper's recovery rules: a quote opens a quoted field only at the start of a
/// field (after the delimiter, a line break or the start of the input); inside quotes a doubled quote is text and a
/// single quote closes the field; a quote anywhere else is text.
/// </remarks>
internal sealed class CsvBoundaryScanner(byte delimiter, byte quote)
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private bool _inQuotes;
    private bool _quotePending;
    private byte _previous = LineFeed;

    /// <summary>Gets the number of bytes scanned so far.</summary>
    public long Position { get; private set; }

    /// <summary>Gets the number of line breaks before <see cref="Position"/>: CR, LF and CR LF each count once, as CsvHelper counts lines.</summary>
    public long Lines { get; private set; }

    /// <summary>
    /// Scans <paramref name="span"/> (the bytes at <see cref="Position"/>) up to the first record boundary at or after
    /// <paramref name="target"/>.
    /// </summary>
    /// <returns>The consumed bytes: up to and including the boundary's line feed, or all of <paramref name="span"/> when none was found.</returns>
    public int Scan(ReadOnlySpan<byte> span, long target, out bool found)
    {
        found = false;
        var i = 0;
        while (i < span.Length)
        {
            if (_inQuotes)
            {
                if (_quotePending)
                {
                    _quotePending = false;
                    if (span[i] == quote)
                    {
                        i++;
                        continue;
                    }

                    _inQuotes = false;
                    continue;
                }

                var j = span[i..].IndexOf(quote);
                if (j < 0)
                {
                    i = span.Length;
                    break;
                }

                var k = i + j;
                if (k + 1 == span.Length)
                {
                    _quotePending = true;
                    i = span.Length;
                }
                else if (span[k + 1] == quote)
                {
                    i = k + 2;
                }
                else
                {
                    _inQuotes = false;
                    i = k + 1;
                }
            }
            else
            {
                var j = span[i..].IndexOfAny(LineFeed, quote);
                if (j < 0)
                {
                    i = span.Length;
                    break;
                }

                var k = i + j;
                if (span[k] == LineFeed)
                {
                    i = k + 1;
                    if (Position + i >= target)
                    {
                        found = true;
                        break;
                    }
                }
                else
                {
                    var before = k > 0 ? span[k - 1] : _previous;
                    _inQuotes = before == delimiter || before == LineFeed || before == CarriageReturn;
                    i = k + 1;
                }
            }
        }

        if (i > 0)
        {
            CountLines(span[..i]);
            _previous = span[i - 1];
        }

        Position += i;
        return i;
    }

    private void CountLines(ReadOnlySpan<byte> consumed)
    {
        var lines = consumed.Count(LineFeed) + consumed.Count(CarriageReturn) - consumed.Count("\r\n"u8);
        if (_previous == CarriageReturn && consumed[0] == LineFeed)
        {
            lines--;
        }

        Lines += lines;
    }
}
