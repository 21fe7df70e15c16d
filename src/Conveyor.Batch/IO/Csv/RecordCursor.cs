using System.Globalization;
using System.Text;
using Conveyor.Batch.Item;
using CsvHelper;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Csv;

/// <summary>What a <see cref="RecordCursor"/> reads and how.</summary>
/// <param name="Name">The prefix of the execution-context keys.</param>
/// <param name="ReaderOptions">CsvHelper's options (separator, mode, widths, trimming).</param>
/// <param name="HasHeaderRow">Whether the input starts with a header row.</param>
/// <param name="ColumnNames">Names that replace the header's, or name a headerless input's columns.</param>
/// <param name="Range">The byte range to read, or null for all.</param>
/// <param name="StrictFieldCount">Whether a record with another field count than the columns is malformed.</param>
/// <param name="LineWidth">In fixed-width mode with strict checking, the required length of every line.</param>
internal sealed record RecordCursorSettings(
    string Name,
    CsvReaderOptions ReaderOptions,
    bool HasHeaderRow,
    IReadOnlyList<string>? ColumnNames,
    ByteRange? Range,
    bool StrictFieldCount,
    int? LineWidth);

/// <summary>
/// The engine of the CSV and fixed-width readers: a CsvHelper reader over the source from a byte offset, one record
/// ahead so that the offset of the next record is always known exactly, with the header row spliced in front when
/// reading starts after it.
/// </summary>
internal sealed class RecordCursor : IAsyncDisposable
{
    private const int ProbeSize = 64 * 1024;
    private const int MaxHeaderBytes = 16 * 1024 * 1024;
    private const int MaxRawBytes = 4 * MalformedRecordException.MaxRecordLength;

    private readonly RecordSource _source;
    private readonly RecordCursorSettings _settings;
    private readonly Queue<(long Line, string Reason)> _malformed = new();
    private CsvReader? _reader;
    private CsvRecordView? _view;
    private long _streamStart;
    private long _prefixLength;
    private long? _lineDelta;
    private long _dataStart;
    private long _dataEnd = long.MaxValue;
    private long? _length;
    private int? _expectedFieldCount;
    private bool _opened;
    private bool _positioned;
    private bool _exhausted;
    private long _nextOffset;
    private long? _nextLine;
    private long _count;

    public RecordCursor(RecordSource source, RecordCursorSettings settings)
    {
        _source = source;
        _settings = settings;
    }

    public long BytesRead => Math.Clamp(Math.Min(_nextOffset, BytesEnd) - _dataStart, 0, long.MaxValue);

    public long? BytesTotal => _length is null && _dataEnd == long.MaxValue ? null : BytesEnd - _dataStart;

    public long RecordCount => _count;

    private long BytesEnd => Math.Min(_dataEnd, _length ?? long.MaxValue);

    private string OffsetKey => _settings.Name + ".offset";

    private string LineKey => _settings.Name + ".line";

    private string CountKey => _settings.Name + ".count";

    private string DoneKey => _settings.Name + ".done";

    public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        if (_opened)
        {
            throw new InvalidOperationException("The reader is already open.");
        }

        _opened = true;
        var range = _settings.Range;
        _dataEnd = range?.End ?? long.MaxValue;
        _length = await _source.GetLengthAsync(cancellationToken).ConfigureAwait(false);
        var resume = executionContext.ContainsKey(OffsetKey);
        _count = resume ? executionContext.Get<long>(CountKey) : 0;
        if (resume && executionContext.Get<bool>(DoneKey))
        {
            _nextOffset = executionContext.Get<long>(OffsetKey);
            _dataStart = range?.Start ?? 0;
            _exhausted = true;
            return;
        }

        var header = (End: 0L, Lines: 0L, Bytes: Array.Empty<byte>());
        var probed = _settings.HasHeaderRow && (resume || range is { Start: > 0 }) && _length is not 0;
        if (probed)
        {
            header = await ProbeHeaderAsync(cancellationToken).ConfigureAwait(false);
        }

        long position;
        long? lineAtPosition;
        if (resume)
        {
            position = executionContext.Get<long>(OffsetKey);
            lineAtPosition = executionContext.Get<long?>(LineKey);
        }
        else if (range is { } r)
        {
            position = Math.Max(r.Start, header.End);
            lineAtPosition = position == 0 ? 1 : position == header.End ? header.Lines + 1 : r.FirstLineNumber;
        }
        else
        {
            position = 0;
            lineAtPosition = 1;
        }

        _dataStart = range?.Start ?? 0;
        _nextOffset = position;
        _nextLine = lineAtPosition;
        if (position >= _dataEnd || (_length is { } length && position >= length && position > 0))
        {
            _exhausted = true;
            return;
        }

        var spliceHeader = _settings.HasHeaderRow && position > 0;
        var prefix = spliceHeader ? header.Bytes.AsMemory(0, (int)header.End) : ReadOnlyMemory<byte>.Empty;
        var prefixLines = spliceHeader ? header.Lines : 0;
        _streamStart = position;
        _prefixLength = prefix.Length;
        _lineDelta = lineAtPosition is { } l ? l - 1 - prefixLines : null;

        var stream = await _source.OpenAsync(position, cancellationToken).ConfigureAwait(false);
        var options = _settings.ReaderOptions with
        {
            HasHeader = _settings.HasHeaderRow,
            TrackLineNumbers = true,
            OnMalformedRecord = record => _malformed.Enqueue((record.LineNumber, record.Reason.ToString())),
        };
        _reader = prefix.IsEmpty
            ? CsvReader.Create(stream, options, _source.LeaveOpen)
            : CsvReader.Create(new PrefixedStream(prefix, stream, !_source.LeaveOpen), options, false);
        _view = new CsvRecordView(_reader, _settings.ColumnNames);
    }

    public void Update(ExecutionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        executionContext.Put(OffsetKey, _nextOffset);
        executionContext.Put(LineKey, _nextLine);
        executionContext.Put(CountKey, _count);
        executionContext.Put(DoneKey, _exhausted);
    }

    public async ValueTask<ReadResult<T>> ReadAsync<T>(Func<CsvRecordView, T> map, CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await OpenAsync(new ExecutionContext(), cancellationToken).ConfigureAwait(false);
        }

        if (_exhausted)
        {
            return ReadResult.End<T>();
        }

        if (!_positioned)
        {
            await AdvanceAsync(cancellationToken).ConfigureAwait(false);
            if (!_positioned)
            {
                return ReadResult.End<T>();
            }
        }

        var reader = _reader!;
        var line = _nextLine;
        var reason = CheckRecord(reader);
        Exception? cause = null;
        var item = default(T);
        if (reason is null)
        {
            _view!.LineNumber = line;
            try
            {
                item = map(_view);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                reason = exception.Message;
                cause = exception;
            }
        }

        var raw = reason is null ? null : RawText(reader);
        _count++;
        await AdvanceAsync(cancellationToken).ConfigureAwait(false);
        if (reason is not null)
        {
            throw new MalformedRecordException(reason, line, raw!, cause);
        }

        return ReadResult.Of(item!, line);
    }

    public ValueTask DisposeAsync() => _reader?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static string RawText(CsvReader reader)
    {
        var raw = reader.RawRecord;
        return Encoding.UTF8.GetString(raw.Length > MaxRawBytes ? raw[..MaxRawBytes] : raw);
    }

    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        var reader = _reader!;
        _positioned = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_positioned)
        {
            _nextOffset = reader.ByteOffset - _prefixLength + _streamStart;
            _nextLine = _lineDelta is { } delta ? reader.LineNumber + delta : null;
            if (_nextOffset >= _dataEnd)
            {
                _positioned = false;
                _exhausted = true;
            }

            return;
        }

        _exhausted = true;
        _nextOffset = Math.Min(_length ?? _nextOffset, _dataEnd);
        _nextLine = null;
    }

    /// <summary>Returns why the current record is malformed, or null when it is not.</summary>
    private string? CheckRecord(CsvReader reader)
    {
        string? reason = null;
        while (_malformed.TryPeek(out var entry) && entry.Line <= reader.LineNumber)
        {
            _malformed.Dequeue();
            if (entry.Line == reader.LineNumber)
            {
                reason ??= entry.Reason switch
                {
                    nameof(CsvMalformedReason.StrayQuote) => "a quote inside an unquoted field",
                    nameof(CsvMalformedReason.TextAfterClosingQuote) => "text after the closing quote of a quoted field",
                    nameof(CsvMalformedReason.UnterminatedQuote) => "a quoted field is never closed",
                    nameof(CsvMalformedReason.LineBreakInQuotes) => "a line break inside a quoted field",
                    _ => entry.Reason,
                };
            }
        }

        if (reason is not null)
        {
            return reason;
        }

        if (_settings.LineWidth is { } width)
        {
            var length = Encoding.UTF8.GetCharCount(reader.RawRecord);
            return length == width
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"the line is {length} characters long; the columns need exactly {width}");
        }

        if (_settings.StrictFieldCount)
        {
            var expected = _expectedFieldCount ??= _settings.ColumnNames?.Count
                ?? (_settings.HasHeaderRow ? reader.Headers.Count : reader.FieldCount);
            if (reader.FieldCount != expected)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{reader.FieldCount} fields where {expected} were expected");
            }
        }

        return null;
    }

    private async Task<(long End, long Lines, byte[] Bytes)> ProbeHeaderAsync(CancellationToken cancellationToken)
    {
        var options = _settings.ReaderOptions with { HasHeader = false, TrackLineNumbers = true };
        for (var size = ProbeSize; ; size *= 2)
        {
            var bytes = await _source.ReadStartAsync(size, cancellationToken).ConfigureAwait(false);
            using var reader = CsvReader.Create(bytes, options);
            if (!reader.Read())
            {
                return (bytes.Length, bytes.AsSpan().Count((byte)'\n'), bytes);
            }

            if (reader.Read())
            {
                return (reader.ByteOffset, reader.LineNumber - 1, bytes);
            }

            if (bytes.Length < size)
            {
                return (bytes.Length, bytes.AsSpan().Count((byte)'\n'), bytes);
            }

            if (size >= MaxHeaderBytes)
            {
                throw new InvalidDataException($"The header row is longer than {MaxHeaderBytes} bytes; is a quote left open?");
            }
        }
    }
}
