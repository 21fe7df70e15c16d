using Azure;
using Azure.Core;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Tables;

/// <summary>
/// A client for an account's Table service: lists, creates and deletes tables, and hands out
/// <see cref="TableClient"/>s that share its pipeline.
/// </summary>
/// <remarks>Thread-safe; create one per account and keep it.</remarks>
public sealed class TableServiceClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="TableServiceClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Table, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TableServiceClient"/> class that authorizes with Microsoft Entra ID.</summary>
    /// <param name="endpoint">The table endpoint, for example <c>https://account.table.core.windows.net</c>.</param>
    /// <param name="credential">The token credential (managed identity, <c>DefaultAzureCredential</c>, …).</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromTokenCredential(endpoint, credential, StorageService.Table, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TableServiceClient"/> class that signs with Shared Key.</summary>
    /// <param name="endpoint">The table endpoint.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromSharedKey(endpoint, credential, StorageService.Table, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TableServiceClient"/> class that authorizes with a shared access signature.</summary>
    /// <param name="endpoint">The table endpoint, without a query.</param>
    /// <param name="credential">The shared access signature.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableServiceClient(Uri endpoint, AzureSasCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromSas(endpoint, credential, StorageService.Table, options ?? new StorageClientOptions()))
    {
    }

    private TableServiceClient(StoragePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Gets the service endpoint.</summary>
    public Uri Uri => _pipeline.Endpoint;

    /// <summary>Gets the account name.</summary>
    public string AccountName => _pipeline.AccountName;

    /// <summary>Returns a client for a table (no request is sent).</summary>
    /// <param name="tableName">The table name: 3–63 letters and digits, starting with a letter, not <c>tables</c>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException">The name breaks a naming rule.</exception>
    public TableClient GetTableClient(string tableName) => new(_pipeline, tableName);

    /// <summary>Creates a table unless it exists.</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call created the table.</returns>
    public Task<Response<bool>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes a table and all its entities.</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response: 204, or 404 when the table did not exist (not an error).</returns>
    public Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>Lists the account's tables, page by page.</summary>
    /// <param name="filter">An OData filter on <c>TableName</c> (build it with <see cref="TableFilter.Create"/>); null for all.</param>
    /// <param name="maxPerPage">The most tables per page; null for the service's default.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The tables; <c>AsPages(token)</c> resumes from a saved continuation token.</returns>
    public AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "maxPerPage must be positive.");
        }

        return new ContinuationPageable<TableItem>(
            (token, pageSize, ct) => QueryPageAsync(filter, pageSize ?? maxPerPage, token, ct),
            cancellationToken);
    }

    private async ValueTask<Page<TableItem>> QueryPageAsync(string? filter, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_pipeline.Endpoint);
        uri.AppendPath("/Tables", escape: false);
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (top is { } count)
        {
            uri.AppendQuery("$top", count.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            uri.AppendQuery("NextTableName", continuationToken, escapeValue: true);
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json;odata=minimalmetadata");
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var tables = new List<TableItem>();
        using (var json = System.Text.Json.JsonDocument.Parse(response.Content))
        {
            if (json.RootElement.TryGetProperty("value", out var values))
            {
                foreach (var element in values.EnumerateArray())
                {
                    if (element.TryGetProperty("TableName", out var name) && name.GetString() is { } text)
                    {
                        tables.Add(new TableItem(text));
                    }
                }
            }
        }

        response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next);
        return Page<TableItem>.FromValues(tables, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
