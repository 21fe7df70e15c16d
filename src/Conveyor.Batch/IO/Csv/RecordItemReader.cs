using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// The reader half shared by <see cref="CsvItemReader{T}"/> and <see cref="FixedWidthItemReader{T}"/>: records come
/// from a cursor that knows byte offsets and line numbers, and are mapped to items.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class RecordItemReader<T> : IItemReader<T>, IItemStream, IItemReaderProgress, IAsyncDisposable
{
    private readonly RecordCursor _cursor;
    private readonly Func<CsvRecordView, T> _map;

    private protected RecordItemReader(RecordCursor cursor, Func<CsvRecordView, T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _cursor = cursor;
        _map = map;
    }

    /// <summary>Gets the bytes of the input (or of the range) read so far, for progress reports.</summary>
    public long BytesRead => _cursor.BytesRead;

    /// <summary>Gets the bytes of the input (or of the range), when known.</summary>
    public long? BytesTotal => _cursor.BytesTotal;

    /// <summary>Gets the number of records read so far, bad ones included, across restarts.</summary>
    public long RecordCount => _cursor.RecordCount;

    /// <inheritdoc/>
    /// <exception cref="MalformedRecordException">The record is malformed; the next call reads the record after it.</exception>
    public ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default) => _cursor.ReadAsync(_map, cancellationToken);

    /// <inheritdoc/>
    public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) =>
        _cursor.OpenAsync(executionContext, cancellationToken);

    /// <inheritdoc/>
    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        _cursor.Update(executionContext);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken = default) => await _cursor.DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _cursor.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
