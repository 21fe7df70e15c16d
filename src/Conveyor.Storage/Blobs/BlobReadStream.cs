using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>A read-only, seekable stream over one version of a blob that fetches a buffer-sized range at a time.</summary>
internal sealed class BlobReadStream : Stream
{
    private readonly BlobClient _blob;
    private readonly long _length;
    private readonly ETag _etag;
    private readonly string? _leaseId;
    private readonly int _bufferSize;
    private byte[]? _buffer;
    private long _bufferStart;
    private int _bufferCount;
    private long _position;
    private bool _disposed;

    public BlobReadStream(BlobClient blob, long length, ETag etag, string? leaseId, long position, int bufferSize)
    {
        _blob = blob;
        _length = length;
        _etag = etag;
        _leaseId = leaseId;
        _position = position;
        _bufferSize = bufferSize;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= _length)
        {
            return 0;
        }

        if (_position < _bufferStart || _position >= _bufferStart + _bufferCount)
        {
            var remaining = _length - _position;
            if (buffer.Length >= _bufferSize)
            {
                // A large read goes straight into the caller's memory.
                var direct = (int)Math.Min(buffer.Length, remaining);
                await _blob.ReadRangeAsync(_position, buffer[..direct], _etag, _leaseId, cancellationToken).ConfigureAwait(false);
                _position += direct;
                return direct;
            }

            var count = (int)Math.Min(_bufferSize, remaining);
            _buffer ??= new byte[(int)Math.Min(_bufferSize, _length)];
            _bufferCount = 0;
            await _blob.ReadRangeAsync(_position, _buffer.AsMemory(0, count), _etag, _leaseId, cancellationToken).ConfigureAwait(false);
            _bufferStart = _position;
            _bufferCount = count;
        }

        var offset = (int)(_position - _bufferStart);
        var copied = Math.Min(buffer.Length, _bufferCount - offset);
        _buffer.AsMemory(offset, copied).CopyTo(buffer);
        _position += copied;
        return copied;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <remarks>Blocks on the asynchronous read; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.</remarks>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A blob read stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A blob read stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _buffer = null;
        base.Dispose(disposing);
    }
}
