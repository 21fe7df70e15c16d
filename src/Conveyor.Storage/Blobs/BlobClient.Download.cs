using System.Buffers;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Blobs;

/// <content>Downloads and lazy reads.</content>
public sealed partial class BlobClient
{
    private const int RangeReadAttempts = 3;

    /// <summary>Downloads the blob (or a range of it) into memory.</summary>
    /// <param name="options">The range and the conditions.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The bytes and the blob's properties (<see cref="BlobProperties.ContentLength"/> is the full length).</returns>
    /// <exception cref="RequestFailedException">404 when the blob does not exist; 412 when a condition fails; 416 for a range past the end.</exception>
    public async Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDownload(options?.Range, options?.Conditions);
        var response = await SendReadAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(
            new BlobDownloadResult { Content = response.Content, Details = BlobHeaders.ReadProperties(response) },
            response);
    }

    /// <summary>Starts a download and returns the un-buffered network stream of its bytes.</summary>
    /// <param name="options">The range and the conditions.</param>
    /// <param name="cancellationToken">Cancels the request (not the later reads of the stream).</param>
    /// <returns>The stream and the blob's properties; dispose the result to release the connection.</returns>
    /// <exception cref="RequestFailedException">As for <see cref="DownloadContentAsync"/>.</exception>
    public async Task<Response<BlobDownloadStreamingResult>> DownloadStreamingAsync(
        BlobDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateDownload(options?.Range, options?.Conditions);
        message.BufferResponse = false;
        var response = await SendReadAsync(message, cancellationToken).ConfigureAwait(false);
        var stream = message.ExtractResponseContent() ?? Stream.Null;
        return Response.FromValue(
            new BlobDownloadStreamingResult { Content = stream, Details = BlobHeaders.ReadProperties(response) },
            response);
    }

    /// <summary>
    /// Downloads the whole blob into a stream, fetching ranges in parallel (pinned to the ETag of the first range)
    /// and writing them in order.
    /// </summary>
    /// <param name="destination">Where the bytes go, written sequentially.</param>
    /// <param name="options">Conditions, range size and concurrency.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The properties of the blob that was read.</returns>
    /// <exception cref="RequestFailedException">404 when the blob does not exist; 412 when it changed during the download.</exception>
    public async Task<Response<BlobProperties>> DownloadToAsync(
        Stream destination, BlobDownloadToOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var transfer = options?.TransferOptions ?? new BlobTransferOptions();
        var rangeSize = transfer.BlockSize;
        var firstSize = (long)Math.Clamp(transfer.InitialTransferSize ?? rangeSize, 1, int.MaxValue);
        Response first;
        BlobProperties properties;
        using (var message = CreateDownload(new HttpRange(0, firstSize), options?.Conditions))
        {
            message.BufferResponse = false;
            try
            {
                first = await SendReadAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 416)
            {
                // An empty blob has no byte 0: read it whole.
                var whole = await DownloadContentAsync(new BlobDownloadOptions { Conditions = options?.Conditions }, cancellationToken).ConfigureAwait(false);
                await destination.WriteAsync(whole.Value.Content.ToMemory(), cancellationToken).ConfigureAwait(false);
                return Response.FromValue(whole.Value.Details, whole.GetRawResponse());
            }

            properties = BlobHeaders.ReadProperties(first);
            using var body = message.ExtractResponseContent() ?? Stream.Null;
            await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        var conditions = new BlobRequestConditions { IfMatch = properties.ETag, LeaseId = options?.Conditions?.LeaseId };
        var window = new Queue<Task<(byte[] Buffer, int Count)>>();
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = Math.Min(firstSize, properties.ContentLength);
        try
        {
            while (next < properties.ContentLength || window.Count > 0)
            {
                while (next < properties.ContentLength && window.Count < transfer.Concurrency)
                {
                    var count = (int)Math.Min(rangeSize, properties.ContentLength - next);
                    window.Enqueue(FetchRangeAsync(next, count, conditions, failure.Token));
                    next += count;
                }

                var (buffer, length) = await window.Dequeue().ConfigureAwait(false);
                try
                {
                    await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            foreach (var pending in window)
            {
                try
                {
                    ArrayPool<byte>.Shared.Return((await pending.ConfigureAwait(false)).Buffer);
                }
                catch (Exception e) when (e is RequestFailedException or OperationCanceledException or IOException)
                {
                    // The first failure is the one reported.
                }
            }

            throw;
        }

        return Response.FromValue(properties, first);
    }

    /// <summary>
    /// Opens a read-only, seekable stream over the blob that fetches ranges of <see cref="BlobOpenReadOptions.BufferSize"/>
    /// lazily, so blobs larger than memory can be read.
    /// </summary>
    /// <param name="options">The start position, the buffer size and the conditions checked at open.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The stream.</returns>
    /// <remarks>
    /// The stream is pinned to the blob's ETag at open: if the blob changes, the next fetch fails with
    /// <see cref="RequestFailedException"/> 412 <c>ConditionNotMet</c> rather than mixing two versions.
    /// </remarks>
    public async Task<Stream> OpenReadAsync(BlobOpenReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BlobOpenReadOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Position, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 1, nameof(options));
        var properties = (await GetPropertiesAsync(options.Conditions, cancellationToken).ConfigureAwait(false)).Value;
        return new BlobReadStream(this, properties.ContentLength, properties.ETag, options.Conditions?.LeaseId, options.Position, options.BufferSize);
    }

    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="offset"/> of the version with <paramref name="etag"/>.</summary>
    internal async Task ReadRangeAsync(long offset, Memory<byte> destination, ETag etag, string? leaseId, CancellationToken cancellationToken)
    {
        var conditions = new BlobRequestConditions { IfMatch = etag, LeaseId = leaseId };
        for (var attempt = 1; ; attempt++)
        {
            using var message = CreateDownload(new HttpRange(offset, destination.Length), conditions);
            message.BufferResponse = false;
            try
            {
                await SendReadAsync(message, cancellationToken).ConfigureAwait(false);
                using var body = message.ExtractResponseContent() ?? Stream.Null;
                await body.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                throw new RequestFailedException(
                    412,
                    $"The blob '{ContainerName}/{Name}' changed after it was opened for reading (it no longer has ETag {etag}); reopen it to read the new version.",
                    e.ErrorCode ?? "ConditionNotMet",
                    e);
            }
            catch (IOException) when (attempt < RangeReadAttempts && !cancellationToken.IsCancellationRequested)
            {
                // The body broke off mid-read; the pipeline retried the request but cannot retry the body.
            }
        }
    }

    private async Task<(byte[] Buffer, int Count)> FetchRangeAsync(long offset, int count, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            await ReadRangeAsync(offset, buffer.AsMemory(0, count), conditions.IfMatch!.Value, conditions.LeaseId, cancellationToken).ConfigureAwait(false);
            return (buffer, count);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private HttpMessage CreateDownload(HttpRange? range, BlobRequestConditions? conditions)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Get, BlobUri());
        if (range is { } r && r != default)
        {
            message.Request.Headers.SetValue("x-ms-range", r.ToString());
        }

        BlobHeaders.ApplyConditions(message.Request, conditions);
        return message;
    }
}
