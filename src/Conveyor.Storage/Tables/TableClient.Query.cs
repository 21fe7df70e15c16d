using System.Text.Json;
using Azure;
using Azure.Core;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Tables;

/// <summary>Reads and queries of <see cref="TableClient"/>.</summary>
public sealed partial class TableClient
{
    /// <summary>Reads one entity.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">The properties to return (the keys are always returned); null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity, with its <see cref="TableEntity.ETag"/>.</returns>
    /// <exception cref="RequestFailedException">404 <c>ResourceNotFound</c> when it does not exist.</exception>
    public async Task<Response<TableEntity>> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntityMessage(partitionKey, rowKey, select);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ReadEntity(response, partitionKey, rowKey), response);
    }

    /// <summary>Reads one entity, or returns null when it does not exist.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">The properties to return (the keys are always returned); null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity with its <see cref="TableEntity.ETag"/>, or null.</returns>
    /// <exception cref="RequestFailedException">Any failure other than 404.</exception>
    public async Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateGetEntityMessage(partitionKey, rowKey, select);
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return response.Status == 404 ? null : ReadEntity(response, partitionKey, rowKey);
    }

    /// <summary>Queries entities, page by page.</summary>
    /// <param name="filter">An OData filter (build it with <see cref="CreateQueryFilter"/>); null for all entities.</param>
    /// <param name="maxPerPage">The most entities per page (the service caps pages at 1,000); null for the service's default.</param>
    /// <param name="select">The properties to return; <c>PartitionKey</c> and <c>RowKey</c> are always added. Null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>
    /// The entities. Pages carry opaque continuation tokens; <c>AsPages(token)</c> resumes from a saved one. A page
    /// may be empty while a token is still returned; enumeration continues until the service returns no token.
    /// </returns>
    public AsyncPageable<TableEntity> QueryAsync(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "maxPerPage must be positive.");
        }

        var selection = SelectList(select, withKeys: true);
        return new ContinuationPageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, selection, token, ct),
            cancellationToken);
    }

    private async ValueTask<Page<TableEntity>> QueryPageAsync(
        string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
    {
        var uri = ServiceUri(Name + "()");
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (top is { } count)
        {
            uri.AppendQuery("$top", count.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select, escapeValue: true);
        }

        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableContinuationToken.Decode(continuationToken);
            if (nextPartitionKey is not null)
            {
                uri.AppendQuery("NextPartitionKey", nextPartitionKey, escapeValue: true);
            }

            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey, escapeValue: true);
            }
        }

        using var message = CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var entities = new List<TableEntity>();
        using (var json = JsonDocument.Parse(response.Content))
        {
            if (json.RootElement.TryGetProperty("value", out var values))
            {
                foreach (var element in values.EnumerateArray())
                {
                    entities.Add(TableEntityJson.Read(element));
                }
            }
        }

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk);
        return Page<TableEntity>.FromValues(entities, TableContinuationToken.Encode(npk, nrk), response);
    }

    private HttpMessage CreateGetEntityMessage(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        TableLimits.ValidateKey(partitionKey, TableEntity.PartitionKeyName, nameof(partitionKey));
        TableLimits.ValidateKey(rowKey, TableEntity.RowKeyName, nameof(rowKey));
        var uri = EntityUri(partitionKey, rowKey);
        if (SelectList(select, withKeys: false) is { } selection)
        {
            uri.AppendQuery("$select", selection, escapeValue: true);
        }

        return CreateMessage(RequestMethod.Get, uri);
    }

    private static TableEntity ReadEntity(Response response, string partitionKey, string rowKey)
    {
        using var json = JsonDocument.Parse(response.Content);
        var entity = TableEntityJson.Read(json.RootElement);
        if (!entity.ContainsKey(TableEntity.PartitionKeyName))
        {
            entity.PartitionKey = partitionKey;
        }

        if (!entity.ContainsKey(TableEntity.RowKeyName))
        {
            entity.RowKey = rowKey;
        }

        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    private static string? SelectList(IEnumerable<string>? select, bool withKeys)
    {
        if (select is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var name in select)
        {
            TableLimits.ValidatePropertyName(name ?? throw new ArgumentException("A selected property name is null.", nameof(select)), nameof(select));
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        if (withKeys)
        {
            foreach (var key in new[] { TableEntity.PartitionKeyName, TableEntity.RowKeyName })
            {
                if (!names.Contains(key, StringComparer.Ordinal))
                {
                    names.Add(key);
                }
            }
        }

        return names.Count == 0 ? null : string.Join(',', names);
    }
}
