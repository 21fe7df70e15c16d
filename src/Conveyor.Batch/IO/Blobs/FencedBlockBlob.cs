using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Conveyor.Batch.Repository;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Commits block lists to one block blob, each only over the version of the blob this writer saw last: the version
/// read by <see cref="ReadAsync"/>, then the version its own previous commit made.
/// </summary>
/// <remarks>
/// Two runs of one partition (activities are at-least-once) write the same blob. Every commit is If-Match the ETag this
/// writer saw last (If-None-Match <c>*</c> while the blob did not exist), so once another run has committed, this
/// run's next commit is refused instead of putting its older list back over the other's. Each commit stamps the blob
/// with a token of its own (metadata <c>conveyor_commit</c>): a refused commit whose token the blob carries is this
/// writer's, applied though its answer was lost (Azure.Core then retried it), and its version is adopted. The block
/// list cannot tell: another run's list may name the same block ids. Any other refusal throws
/// <see cref="JobRepositoryConcurrencyException"/>, the partition's "another run got there first": the run steps aside
/// and the partition continues from its stored checkpoint.
/// </remarks>
internal sealed class FencedBlockBlob(BlockBlobClient blob)
{
    private const string CommitKey = "conveyor_commit";
    private ETag? _etag;

    /// <summary>Reads the blob's current version: the one the next commit must find.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        _etag = (await ReadPropertiesAsync(cancellationToken).ConfigureAwait(false))?.ETag;
    }

    /// <summary>Commits <paramref name="ids"/> if the blob is still the version this writer saw last.</summary>
    /// <param name="ids">The block ids, in order.</param>
    /// <param name="options">The blob's headers; the access conditions and the commit token are set here.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="JobRepositoryConcurrencyException">Another writer committed to the blob since this one saw it.</exception>
    public async Task CommitAsync(IReadOnlyList<string> ids, CommitBlockListOptions options, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        options.Metadata = new Dictionary<string, string> { [CommitKey] = token };
        options.Conditions = _etag is { } seen ? new BlobRequestConditions { IfMatch = seen } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            _etag = (await blob.CommitBlockListAsync(ids, options, cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
        catch (RequestFailedException refused) when (refused.Status is 409 or 412)
        {
            var current = await ReadPropertiesAsync(cancellationToken).ConfigureAwait(false);
            if (current is null || !current.Metadata.TryGetValue(CommitKey, out var stamped) || stamped != token)
            {
                throw new JobRepositoryConcurrencyException(
                    $"Blob '{blob.Name}' was committed by another writer since this one last saw it; this run steps aside.", refused);
            }

            _etag = current.ETag;
        }
    }

    private async Task<BlobProperties?> ReadPropertiesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }
}
