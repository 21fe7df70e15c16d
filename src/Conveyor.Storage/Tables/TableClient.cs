using Azure;
using Azure.Core;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Tables;

/// <summary>
/// A client for one table: create and delete it, write, read, query and transact on its entities.
/// </summary>
/// <remarks>
/// Thread-safe and cheap to create; clients from one <see cref="TableServiceClient"/> share its pipeline. Every
/// mutation can be guarded by ETag, and after each successful add, upsert or update the entity's
/// <see cref="TableEntity.ETag"/> holds its new ETag. Names, keys and entity sizes are validated before any
/// request is sent (<see cref="ArgumentException"/>); service failures throw <see cref="RequestFailedException"/>
/// with <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/>.
/// </remarks>
public sealed partial class TableClient
{
    private const string JsonMinimalMetadata = "application/json;odata=minimalmetadata";
    private const string JsonContentType = "application/json";

    private readonly StoragePipeline _pipeline;
    private readonly string _tableUrl;

    /// <summary>Initializes a new instance of the <see cref="TableClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</param>
    /// <param name="tableName">The table name: 3–63 letters and digits, starting with a letter.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public TableClient(string connectionString, string tableName, StorageClientOptions? options = null)
        : this(
            StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Table, options ?? new StorageClientOptions()),
            tableName)
    {
    }

    internal TableClient(StoragePipeline pipeline, string tableName)
    {
        TableLimits.ValidateTableName(tableName);
        _pipeline = pipeline;
        Name = tableName;
        _tableUrl = pipeline.Endpoint.AbsoluteUri + "/" + tableName;
    }

    /// <summary>Gets the table name.</summary>
    public string Name { get; }

    /// <summary>Gets the table's URI.</summary>
    public Uri Uri => new(_tableUrl);

    /// <summary>Formats a query filter with every interpolated value escaped as a typed OData literal.</summary>
    /// <param name="filter">The filter, for example <c>$"PartitionKey eq {pk} and RowKey ge {from}"</c>.</param>
    /// <returns>The filter text, safe to pass to <see cref="QueryAsync"/>.</returns>
    /// <remarks>See <see cref="TableFilter.Create"/> for the literal of each type.</remarks>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    /// <summary>Creates the table.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response.</returns>
    /// <exception cref="RequestFailedException">409 <c>TableAlreadyExists</c> when it exists.</exception>
    public async Task<Response> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the table unless it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call created the table; false when it existed.</returns>
    /// <exception cref="RequestFailedException">Any failure other than 409 <c>TableAlreadyExists</c> (for example 409 <c>TableBeingDeleted</c>).</exception>
    public async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        var response = await _pipeline.SendAsync(message, 409, null, cancellationToken).ConfigureAwait(false);
        if (response.Status != 409)
        {
            return Response.FromValue(true, response);
        }

        var error = await StorageErrors.CreateAsync(message.Request, response, cancellationToken).ConfigureAwait(false);
        return error.ErrorCode == "TableAlreadyExists" ? Response.FromValue(false, response) : throw error;
    }

    /// <summary>Deletes the table and all its entities.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response: 204, or 404 when the table did not exist (not an error).</returns>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var uri = ServiceUri("Tables('" + Name + "')");
        using var message = CreateMessage(RequestMethod.Delete, uri);
        return await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts an entity.</summary>
    /// <param name="entity">The entity; its <see cref="TableEntity.ETag"/> is set to the new ETag.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response; its <c>ETag</c> header is the entity's new ETag.</returns>
    /// <exception cref="RequestFailedException">409 <c>EntityAlreadyExists</c> when an entity with these keys exists.</exception>
    public async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateEntity(entity, nameof(entity));
        using var message = CreateMessage(RequestMethod.Post, TableUri());
        SetEntityContent(message, entity);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StoreETag(entity, response);
        return response;
    }

    /// <summary>Inserts the entity, or merges it into (or replaces) the stored one, unconditionally.</summary>
    /// <param name="entity">The entity; its <see cref="TableEntity.ETag"/> is set to the new ETag.</param>
    /// <param name="mode">Merge keeps stored properties the entity lacks; Replace removes them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response; its <c>ETag</c> header is the entity's new ETag.</returns>
    public async Task<Response> UpsertEntityAsync(
        TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateEntity(entity, nameof(entity));
        using var message = CreateMessage(MethodOf(mode), EntityUri(entity.PartitionKey, entity.RowKey));
        SetEntityContent(message, entity);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StoreETag(entity, response);
        return response;
    }

    /// <summary>Updates a stored entity if its ETag matches.</summary>
    /// <param name="entity">The entity; its <see cref="TableEntity.ETag"/> is set to the new ETag.</param>
    /// <param name="ifMatch">The ETag the stored entity must have (usually <c>entity.ETag</c>); <see cref="ETag.All"/> for any.</param>
    /// <param name="mode">Merge keeps stored properties the entity lacks; Replace removes them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service response; its <c>ETag</c> header is the entity's new ETag.</returns>
    /// <exception cref="ArgumentException"><paramref name="ifMatch"/> is <c>default</c>.</exception>
    /// <exception cref="RequestFailedException">
    /// 412 <c>UpdateConditionNotSatisfied</c> when the ETag does not match; 404 <c>ResourceNotFound</c> when the entity does not exist.
    /// </exception>
    public async Task<Response> UpdateEntityAsync(
        TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs an ETag to match: the entity's ETag, or ETag.All for an unconditional update.", nameof(ifMatch));
        }

        TableLimits.ValidateEntity(entity, nameof(entity));
        using var message = CreateMessage(MethodOf(mode), EntityUri(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.ToString());
        SetEntityContent(message, entity);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        StoreETag(entity, response);
        return response;
    }

    /// <summary>Deletes an entity.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="ifMatch">The ETag the stored entity must have; <c>default</c> or <see cref="ETag.All"/> for any.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The service response: 204, or — with an unconditional delete — 404 when the entity did not exist, which is
    /// not an error (the entity is gone either way).
    /// </returns>
    /// <exception cref="RequestFailedException">
    /// 412 <c>UpdateConditionNotSatisfied</c> when the ETag does not match; 404 when a conditional delete finds no entity.
    /// </exception>
    public async Task<Response> DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateKey(partitionKey, TableEntity.PartitionKeyName, nameof(partitionKey));
        TableLimits.ValidateKey(rowKey, TableEntity.RowKeyName, nameof(rowKey));
        var unconditional = ifMatch == default || ifMatch == ETag.All;
        using var message = CreateMessage(RequestMethod.Delete, EntityUri(partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, unconditional ? "*" : ifMatch.ToString());
        return unconditional
            ? await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false)
            : await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage CreateTableMessage()
    {
        var message = CreateMessage(RequestMethod.Post, ServiceUri("Tables"));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, JsonContentType);
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(new Dictionary<string, string> { ["TableName"] = Name }));
        return message;
    }

    private HttpMessage CreateMessage(RequestMethod method, RequestUriBuilder uri)
    {
        var message = _pipeline.CreateMessage(method, uri);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, JsonMinimalMetadata);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        return message;
    }

    private static void SetEntityContent(HttpMessage message, TableEntity entity)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        TableEntityJson.Write(buffer, entity);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, JsonContentType);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(buffer.WrittenMemory);
    }

    private static void StoreETag(TableEntity entity, Response response)
    {
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }
    }

    private static RequestMethod MethodOf(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => RequestMethod.Patch,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    private RequestUriBuilder ServiceUri(string path)
    {
        var builder = new RequestUriBuilder();
        builder.Reset(_pipeline.Endpoint);
        builder.AppendPath("/" + path, escape: false);
        return builder;
    }

    private RequestUriBuilder TableUri() => ServiceUri(Name);

    private RequestUriBuilder EntityUri(string partitionKey, string rowKey) =>
        ServiceUri(Name + TableTransactionContent.KeyPath(partitionKey, rowKey));
}
