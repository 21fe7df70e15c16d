using Azure;
using Azure.Data.Tables;

namespace Conveyor.Batch.Repository;

/// <summary>
/// The single-entity operations of <see cref="TableJobRepository"/> on the official <see cref="TableClient"/>: a point
/// read that returns null when the row is missing, and writes that leave the row's new ETag in <see cref="TableEntity.ETag"/>
/// (the client returns it in the response's <c>ETag</c> header and leaves the entity alone).
/// </summary>
internal static class TableRows
{
    /// <summary>Reads one row; null when it does not exist.</summary>
    public static async Task<TableEntity?> GetRowAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds a row (409 when it exists) and stores its new ETag in it.</summary>
    public static async Task<Response> AddRowAsync(this TableClient table, TableEntity row, CancellationToken cancellationToken) =>
        WithETag(row, await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces a row if its ETag matches (412 when it changed, 404 when it is gone) and stores its new ETag in it.</summary>
    public static async Task<Response> ReplaceRowAsync(this TableClient table, TableEntity row, ETag ifMatch, CancellationToken cancellationToken) =>
        WithETag(row, await table.UpdateEntityAsync(row, ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false));

    private static Response WithETag(TableEntity row, Response response)
    {
        if (response.Headers.ETag is { } etag)
        {
            row.ETag = etag;
        }

        return response;
    }
}
