using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Blobs;

/// <content>Uploads, block staging and block lists.</content>
public sealed partial class BlobClient
{
    private const int MaxBlockIdBytes = 64;

    /// <summary>Writes the blob in one Put Blob (or as staged blocks when larger than the single-put limit).</summary>
    /// <param name="content">The content.</param>
    /// <param name="options">HTTP headers, metadata, conditions and transfer sizes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The blob's new ETag and last-modified time.</returns>
    /// <exception cref="ArgumentException">Metadata is invalid; nothing was sent.</exception>
    /// <exception cref="RequestFailedException">
    /// 409 <c>BlobAlreadyExists</c> for <c>IfNoneMatch = ETag.All</c> on an existing blob; 412 for a failed ETag or
    /// time condition; 412 <c>LeaseIdMissing</c>/<c>LeaseIdMismatchWithBlobOperation</c> for a leased blob.
    /// </exception>
    public async Task<Response<BlobContentInfo>> UploadAsync(
        BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobMetadata.Validate(options?.Metadata, nameof(options));
        var transfer = options?.TransferOptions ?? new BlobTransferOptions();
        var memory = content.ToMemory();
        if (memory.Length <= transfer.SinglePutLimit)
        {
            return await PutBlobAsync(RequestContent.Create(content), options, cancellationToken).ConfigureAwait(false);
        }

        var offset = 0;
        return await UploadInBlocksAsync(
            (_, _) =>
            {
                var block = memory.Slice(offset, Math.Min(transfer.BlockSize, memory.Length - offset));
                offset += block.Length;
                return ValueTask.FromResult<(ReadOnlyMemory<byte>, byte[]?)>((block, null));
            },
            options,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the blob from a stream: one Put Blob when the rest of a seekable stream fits the single-put limit, otherwise
    /// blocks staged in parallel and committed. A non-seekable stream is read a block at a time; if it ends within the
    /// first block it is written with one Put Blob.
    /// </summary>
    /// <param name="content">The content, read from its current position.</param>
    /// <param name="options">HTTP headers, metadata, conditions and transfer sizes.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The blob's new ETag and last-modified time.</returns>
    /// <exception cref="ArgumentException">Metadata is invalid; nothing was sent.</exception>
    /// <exception cref="RequestFailedException">As for the <see cref="BinaryData"/> overload.</exception>
    public async Task<Response<BlobContentInfo>> UploadAsync(
        Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobMetadata.Validate(options?.Metadata, nameof(options));
        var transfer = options?.TransferOptions ?? new BlobTransferOptions();
        if (content.CanSeek && content.Length - content.Position <= transfer.SinglePutLimit)
        {
            return await PutBlobAsync(RequestContent.Create(content), options, cancellationToken).ConfigureAwait(false);
        }

        var blockSize = transfer.BlockSize;
        var first = ArrayPool<byte>.Shared.Rent(blockSize);
        var read = await content.ReadAtLeastAsync(first.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < blockSize && read <= transfer.SinglePutLimit)
        {
            try
            {
                return await PutBlobAsync(RequestContent.Create(first.AsMemory(0, read)), options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(first);
            }
        }

        byte[]? pending = first;
        return await UploadInBlocksAsync(
            async (_, ct) =>
            {
                if (pending is { } buffer)
                {
                    pending = null;
                    return (buffer.AsMemory(0, read), buffer);
                }

                var rented = ArrayPool<byte>.Shared.Rent(blockSize);
                var count = await content.ReadAtLeastAsync(rented.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                return (rented.AsMemory(0, count), rented);
            },
            options,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages (uploads without committing) one block; staging the same id again replaces the block.</summary>
    /// <param name="base64BlockId">The block id: base64 of at most 64 bytes; all ids of one blob must have the same length.</param>
    /// <param name="content">The block's bytes (up to 4000 MiB).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    /// <remarks>Deterministic ids make staging idempotent: a retried chunk overwrites its own block.</remarks>
    public Task<Response> StageBlockAsync(string base64BlockId, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StageBlockCoreAsync(base64BlockId, RequestContent.Create(content), null, cancellationToken);
    }

    /// <summary>Stages one block of a leased blob; staging the same id again replaces the block.</summary>
    /// <param name="base64BlockId">The block id: base64 of at most 64 bytes.</param>
    /// <param name="content">The block's bytes.</param>
    /// <param name="options">The lease id and the block's MD5.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public Task<Response> StageBlockAsync(string base64BlockId, BinaryData content, BlobStageBlockOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        return StageBlockCoreAsync(base64BlockId, RequestContent.Create(content), options.LeaseId, cancellationToken, options.TransactionalContentHash);
    }

    /// <summary>Stages one block from a stream, read from its position; staging the same id again replaces the block.</summary>
    /// <param name="base64BlockId">The block id: base64 of at most 64 bytes.</param>
    /// <param name="content">The block's bytes. A non-seekable stream is buffered first, since the request needs its length and retries rewind it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<Response> StageBlockAsync(string base64BlockId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ValidateBlockId(base64BlockId, nameof(base64BlockId));
        if (content.CanSeek)
        {
            return await StageBlockCoreAsync(base64BlockId, RequestContent.Create(content), null, cancellationToken).ConfigureAwait(false);
        }

        var buffered = await BinaryData.FromStreamAsync(content, cancellationToken).ConfigureAwait(false);
        return await StageBlockCoreAsync(base64BlockId, RequestContent.Create(buffered), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits a block list: the blob becomes these blocks in this order (each the latest staged or committed version).</summary>
    /// <param name="base64BlockIds">The block ids, in blob order.</param>
    /// <param name="options">HTTP headers, metadata and conditions.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The blob's new ETag and last-modified time.</returns>
    /// <exception cref="RequestFailedException">400 <c>InvalidBlockList</c> when an id was never staged; 409/412 for conditions.</exception>
    public async Task<Response<BlobContentInfo>> CommitBlockListAsync(
        IEnumerable<string> base64BlockIds, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(base64BlockIds);
        var ids = base64BlockIds.ToList();
        foreach (var id in ids)
        {
            ValidateBlockId(id, nameof(base64BlockIds));
        }

        BlobMetadata.Validate(options?.Metadata, nameof(options));
        var uri = BlobUri();
        uri.AppendQuery("comp", "blocklist");
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        message.Request.Content = RequestContent.Create(BlobXml.FormatBlockList(ids));
        ApplyWriteOptions(message.Request, options);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadContentInfo(response), response);
    }

    /// <summary>Reads the blob's block list.</summary>
    /// <param name="types">Committed, uncommitted or both.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block list.</returns>
    /// <exception cref="RequestFailedException">404 when the blob has neither committed nor staged blocks.</exception>
    public async Task<Response<BlockList>> GetBlockListAsync(BlockListTypes types = BlockListTypes.All, CancellationToken cancellationToken = default)
    {
        var uri = BlobUri();
        uri.AppendQuery("comp", "blocklist");
        uri.AppendQuery("blocklisttype", types switch
        {
            BlockListTypes.Committed => "committed",
            BlockListTypes.Uncommitted => "uncommitted",
            _ => "all",
        });
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var (committed, uncommitted) = BlobXml.ParseBlockList(response.Content);
        var length = BlobHeaders.Read(response, "x-ms-blob-content-length");
        return Response.FromValue(
            new BlockList
            {
                CommittedBlocks = committed,
                UncommittedBlocks = uncommitted,
                ETag = response.Headers.TryGetValue("ETag", out var etag) ? BlobHeaders.ParseETag(etag) : null,
                BlobContentLength = long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0,
            },
            response);
    }

    private static void ValidateBlockId(string base64BlockId, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(base64BlockId, paramName);
        Span<byte> decoded = stackalloc byte[MaxBlockIdBytes];
        if (base64BlockId.Length > 88 || !Convert.TryFromBase64String(base64BlockId, decoded, out var written) || written == 0)
        {
            throw new ArgumentException(
                $"The block id '{base64BlockId[..Math.Min(base64BlockId.Length, 100)]}' is invalid: it must be base64 of 1 to {MaxBlockIdBytes} bytes.", paramName);
        }
    }

    private static string UploadBlockId(string prefix, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(prefix + index.ToString("D6", CultureInfo.InvariantCulture)));

    private async Task<Response<BlobContentInfo>> PutBlobAsync(RequestContent content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, BlobUri());
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Content = content;
        ApplyWriteOptions(message.Request, options);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadContentInfo(response), response);
    }

    private static void ApplyWriteOptions(Request request, BlobUploadOptions? options)
    {
        BlobHeaders.ApplyHttpHeaders(request, options?.HttpHeaders);
        BlobHeaders.ApplyMetadata(request, options?.Metadata);
        BlobHeaders.ApplyConditions(request, options?.Conditions);
    }

    private async Task<Response> StageBlockCoreAsync(
        string base64BlockId, RequestContent content, string? leaseId, CancellationToken cancellationToken, ReadOnlyMemory<byte>? contentHash = null)
    {
        ValidateBlockId(base64BlockId, nameof(base64BlockId));
        var uri = BlobUri();
        uri.AppendQuery("comp", "block");
        uri.AppendQuery("blockid", base64BlockId, escapeValue: true);
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        message.Request.Content = content;
        if (!string.IsNullOrEmpty(leaseId))
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        if (contentHash is { } hash)
        {
            message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(hash.Span));
        }

        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages blocks from a source (an empty block ends it) with bounded parallelism, then commits them.</summary>
    private async Task<Response<BlobContentInfo>> UploadInBlocksAsync(
        Func<int, CancellationToken, ValueTask<(ReadOnlyMemory<byte> Data, byte[]? Rented)>> nextBlock,
        BlobUploadOptions? options,
        CancellationToken cancellationToken)
    {
        var concurrency = (options?.TransferOptions ?? new BlobTransferOptions()).Concurrency;
        var leaseId = options?.Conditions?.LeaseId;
        var prefix = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        var inFlight = new List<Task>();
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var (data, rented) = await nextBlock(ids.Count, failure.Token).ConfigureAwait(false);
                if (data.IsEmpty)
                {
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }

                    break;
                }

                if (inFlight.Count >= concurrency)
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    await done.ConfigureAwait(false);
                }

                var id = UploadBlockId(prefix, ids.Count);
                ids.Add(id);
                inFlight.Add(StageAndReturnAsync(id, data, rented, leaseId, failure.Token));
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch
        {
            await failure.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            throw;
        }

        return await CommitBlockListAsync(ids, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task StageAndReturnAsync(string id, ReadOnlyMemory<byte> data, byte[]? rented, string? leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await StageBlockCoreAsync(id, RequestContent.Create(data), leaseId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
