using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Conveyor.Api.Uploads;

/// <summary>
/// The <c>&lt;prefix&gt;BlobReceipts</c> table: one row per job and input blob (partition = job, row = a hash of the blob
/// name), naming the blob version the job was last started for. Every write is guarded: a new row by insert (409 when
/// another poller got there first), a change by If-Match on the row's ETag (412 when it changed meanwhile).
/// </summary>
public sealed class BlobReceiptStore(TableClient table)
{
    private const string BlobNameColumn = "BlobName";
    private const string BlobETagColumn = "BlobETag";
    private const string StatusColumn = "Status";
    private const string ClaimedAtColumn = "ClaimedAt";
    private const string OwnerColumn = "Owner";
    private const string JobInstanceIdColumn = "JobInstanceId";
    private const string DetailColumn = "Detail";

    private volatile bool _created;

    /// <summary>Gets the table's name.</summary>
    public string TableName => table.Name;

    /// <summary>Creates the table if it is missing (once per process; every other call does it on first use).</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }

    /// <summary>Returns the receipt of a job's blob, or null.</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="blobName">The blob.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The receipt.</returns>
    public async Task<BlobReceipt?> GetAsync(string jobName, string blobName, CancellationToken cancellationToken)
    {
        await CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(jobName), RowOf(blobName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? Read(jobName, row.Value!) : null;
    }

    /// <summary>Lists the receipts of a job that are done (started or rejected), a page at a time.</summary>
    public async IAsyncEnumerable<BlobReceipt> GetDoneAsync(string jobName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(jobName)} and Status ne {BlobReceipt.Starting}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return Read(jobName, row);
        }
    }

    /// <summary>
    /// Claims a blob version for this caller: inserts the row, or replaces <paramref name="current"/> if it has not
    /// changed since it was read. Returns the claim, or null when another caller changed the row first.
    /// </summary>
    public async Task<BlobReceipt?> TryClaimAsync(BlobReceipt? current, string jobName, string blobName, string blobETag, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = new BlobReceipt { JobName = jobName, BlobName = blobName, BlobETag = blobETag, Status = BlobReceipt.Starting, ClaimedAt = now, Owner = owner };
        return await TryWriteAsync(current, claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the outcome of a claim; returns false when another caller took the claim over meanwhile.</summary>
    public async Task<bool> TryCompleteAsync(BlobReceipt claim, string status, string? jobInstanceId, string? detail, CancellationToken cancellationToken)
    {
        var done = new BlobReceipt
        {
            JobName = claim.JobName,
            BlobName = claim.BlobName,
            BlobETag = claim.BlobETag,
            Status = status,
            ClaimedAt = claim.ClaimedAt,
            Owner = claim.Owner,
            JobInstanceId = jobInstanceId,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        };
        return await TryWriteAsync(claim, done, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Gives a claim up (its start failed for a passing reason) so that the next scan tries again at once.</summary>
    public async Task ReleaseAsync(BlobReceipt claim, CancellationToken cancellationToken)
    {
        var released = new BlobReceipt
        {
            JobName = claim.JobName,
            BlobName = claim.BlobName,
            BlobETag = claim.BlobETag,
            Status = BlobReceipt.Starting,
            ClaimedAt = DateTimeOffset.UnixEpoch,
            Owner = null,
        };
        await TryWriteAsync(claim, released, cancellationToken).ConfigureAwait(false);
    }

    private static string PartitionOf(string jobName) => Uri.EscapeDataString(jobName);

    // Blob names may hold characters table keys refuse ('/', '#', '?') and run to 1024 characters: key by hash.
    private static string RowOf(string blobName) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName)));

    private static BlobReceipt Read(string jobName, TableEntity row) => new()
    {
        JobName = jobName,
        BlobName = row.GetString(BlobNameColumn) ?? string.Empty,
        BlobETag = row.GetString(BlobETagColumn) ?? string.Empty,
        Status = row.GetString(StatusColumn) ?? BlobReceipt.Starting,
        ClaimedAt = row.GetDateTimeOffset(ClaimedAtColumn) ?? DateTimeOffset.UnixEpoch,
        Owner = row.GetString(OwnerColumn),
        JobInstanceId = row.GetString(JobInstanceIdColumn),
        Detail = row.GetString(DetailColumn),
        ETag = row.ETag,
    };

    private async Task<BlobReceipt?> TryWriteAsync(BlobReceipt? current, BlobReceipt next, CancellationToken cancellationToken)
    {
        await CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(PartitionOf(next.JobName), RowOf(next.BlobName))
        {
            [BlobNameColumn] = next.BlobName,
            [BlobETagColumn] = next.BlobETag,
            [StatusColumn] = next.Status,
            [ClaimedAtColumn] = next.ClaimedAt,
            [OwnerColumn] = next.Owner,
            [JobInstanceIdColumn] = next.JobInstanceId,
            [DetailColumn] = next.Detail,
        };
        Response written;
        try
        {
            written = current is null
                ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }

        return new BlobReceipt
        {
            JobName = next.JobName,
            BlobName = next.BlobName,
            BlobETag = next.BlobETag,
            Status = next.Status,
            ClaimedAt = next.ClaimedAt,
            Owner = next.Owner,
            JobInstanceId = next.JobInstanceId,
            Detail = next.Detail,
            ETag = written.Headers.ETag ?? default,
        };
    }
}
