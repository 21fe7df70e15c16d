using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Conveyor.Batch.IO.Csv;

/// <summary>Where a record reader's bytes come from: a blob or a stream, opened at any byte offset.</summary>
internal abstract class RecordSource
{
    /// <summary>Gets a value indicating whether the streams returned by <see cref="OpenAsync"/> belong to the caller of the reader (not disposed).</summary>
    public abstract bool LeaveOpen { get; }

    /// <summary>Returns the total length in bytes, when known.</summary>
    public abstract Task<long?> GetLengthAsync(CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="count"/> bytes from offset 0 (fewer at the end of the input).</summary>
    public abstract Task<byte[]> ReadStartAsync(int count, CancellationToken cancellationToken);

    /// <summary>Opens a stream positioned at <paramref name="position"/>.</summary>
    public abstract Task<Stream> OpenAsync(long position, CancellationToken cancellationToken);

    public static RecordSource From(BlobClient blob, int bufferSize) => new BlobSource(blob, bufferSize);

    public static RecordSource From(Stream stream) => new StreamSource(stream);

    /// <summary>
    /// A blob; every read after the first is pinned to the ETag seen first, so two versions are never mixed. Ranges are
    /// downloaded ahead of the parser (<see cref="ReadAheadStream"/>).
    /// </summary>
    private sealed class BlobSource(BlobClient blob, int bufferSize) : RecordSource
    {
        private ETag? _etag;
        private long _length;

        public override bool LeaveOpen => false;

        public override async Task<long?> GetLengthAsync(CancellationToken cancellationToken)
        {
            if (_etag is null)
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                _etag = properties.ETag;
                _length = properties.ContentLength;
            }

            return _length;
        }

        public override async Task<byte[]> ReadStartAsync(int count, CancellationToken cancellationToken)
        {
            var length = await GetLengthAsync(cancellationToken).ConfigureAwait(false) ?? 0;
            if (length == 0)
            {
                return [];
            }

            var options = new BlobDownloadOptions
            {
                Range = new HttpRange(0, Math.Min(count, length)),
                Conditions = new BlobRequestConditions { IfMatch = _etag },
            };
            var result = await blob.DownloadContentAsync(options, cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }

        public override async Task<Stream> OpenAsync(long position, CancellationToken cancellationToken)
        {
            await GetLengthAsync(cancellationToken).ConfigureAwait(false);
            var options = new BlobOpenReadOptions(allowModifications: false)
            {
                Position = Math.Min(position, _length),
                BufferSize = bufferSize,
                Conditions = new BlobRequestConditions { IfMatch = _etag },
            };
            var stream = await blob.OpenReadAsync(options, cancellationToken).ConfigureAwait(false);
            return new ReadAheadStream(stream, bufferSize);
        }
    }

    /// <summary>A caller's stream: offsets count from its position 0; restarting and byte ranges need it seekable.</summary>
    private sealed class StreamSource(Stream stream) : RecordSource
    {
        private bool _opened;

        public override bool LeaveOpen => true;

        public override Task<long?> GetLengthAsync(CancellationToken cancellationToken) =>
            Task.FromResult(stream.CanSeek ? stream.Length : (long?)null);

        public override async Task<byte[]> ReadStartAsync(int count, CancellationToken cancellationToken)
        {
            RequireSeekable("read the header again");
            stream.Position = 0;
            var buffer = new byte[(int)Math.Min(count, stream.Length)];
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer;
        }

        public override Task<Stream> OpenAsync(long position, CancellationToken cancellationToken)
        {
            if (stream.CanSeek)
            {
                stream.Position = position;
            }
            else if (position != 0 || _opened)
            {
                RequireSeekable("start at a saved or given byte offset");
            }

            _opened = true;
            return Task.FromResult(stream);
        }

        private void RequireSeekable(string action)
        {
            if (!stream.CanSeek)
            {
                throw new NotSupportedException($"To {action} the reader needs a seekable stream; use a blob or a seekable stream.");
            }
        }
    }
}
