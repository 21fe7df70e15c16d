using System.Buffers;
using System.Threading.Channels;

namespace Conveyor.Batch.IO.Csv;

/// <summary>
/// A forward-only read stream that fills buffers from another stream in the background, a few ahead of the reader, so
/// that downloading the next range overlaps parsing the current one.
/// </summary>
/// <remarks>
/// The inner stream is read by one background task at a time, in reads of the buffer size (for a blob read stream of
/// the same buffer size, one range request each). At most <c>depth</c> filled buffers wait, plus the one being read and
/// the one being filled. A failure of the inner stream is thrown by the read that reaches it.
/// </remarks>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _inner;
    private readonly int _bufferSize;
    private readonly Channel<(byte[] Buffer, int Count)> _filled;
    private readonly CancellationTokenSource _stop = new();
    private Task? _producer;
    private byte[]? _current;
    private int _currentCount;
    private int _currentOffset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner, int bufferSize, int depth = 2)
    {
        _inner = inner;
        _bufferSize = bufferSize;
        _filled = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_current is null || _currentOffset == _currentCount)
        {
            if (_ended)
            {
                return 0;
            }

            ReturnCurrent();
            _producer ??= Task.Run(() => ProduceAsync(_stop.Token), CancellationToken.None);
            if (!await _filled.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _ended = true;
                return 0;
            }

            (_current, _currentCount) = await _filled.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            _currentOffset = 0;
        }

        var count = Math.Min(buffer.Length, _currentCount - _currentOffset);
        _current.AsMemory(_currentOffset, count).CopyTo(buffer);
        _currentOffset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <remarks>Blocks on the asynchronous read; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</remarks>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await StopAsync().ConfigureAwait(false);
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            StopAsync().AsTask().GetAwaiter().GetResult();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                var count = await _inner.ReadAtLeastAsync(buffer.AsMemory(0, _bufferSize), _bufferSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                if (!_filled.Writer.TryWrite((buffer, count)))
                {
                    try
                    {
                        await _filled.Writer.WriteAsync((buffer, count), cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        throw;
                    }
                }

                if (count < _bufferSize)
                {
                    break;
                }
            }
        }
        catch (Exception error)
        {
            failure = error;
        }

        _filled.Writer.TryComplete(failure);
    }

    private async ValueTask StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_producer is { } producer)
        {
            await producer.ConfigureAwait(false);
        }

        ReturnCurrent();
        while (_filled.Reader.TryRead(out var waiting))
        {
            ArrayPool<byte>.Shared.Return(waiting.Buffer);
        }

        _stop.Dispose();
    }

    private void ReturnCurrent()
    {
        if (_current is { } current)
        {
            _current = null;
            ArrayPool<byte>.Shared.Return(current);
        }
    }
}
