using Azure;
using Azure.Core;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Blobs;

/// <summary>A client of one blob container: create, delete, list its blobs, hand out blob clients.</summary>
/// <remarks>Thread-safe. The container name is validated when the client is created, before any request.</remarks>
public sealed class BlobContainerClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="BlobContainerClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string.</param>
    /// <param name="containerName">The container name.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public BlobContainerClient(string connectionString, string containerName, StorageClientOptions? options = null)
        : this(StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Blob, options ?? new StorageClientOptions()), containerName)
    {
    }

    internal BlobContainerClient(StoragePipeline pipeline, string containerName)
    {
        BlobNames.ValidateContainerName(containerName);
        _pipeline = pipeline;
        Name = containerName;
    }

    /// <summary>Gets the container name.</summary>
    public string Name { get; }

    /// <summary>Gets the container's URI (without any shared access signature).</summary>
    public Uri Uri => ContainerUri().ToUri();

    /// <summary>Returns a client for a blob in this container; no request is made.</summary>
    /// <param name="blobName">The blob name, unescaped (it is escaped when sent).</param>
    /// <returns>The blob client.</returns>
    /// <exception cref="ArgumentException">The name breaks a blob naming rule (the message names it).</exception>
    public BlobClient GetBlobClient(string blobName) => new(_pipeline, Name, blobName);

    /// <summary>Returns a lease client for this container.</summary>
    /// <param name="leaseId">The lease id to use; a new GUID when null.</param>
    /// <returns>The lease client.</returns>
    public BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, ContainerUri, isContainer: true, leaseId);

    /// <summary>Creates the container unless it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call created it, false when it already existed.</returns>
    public async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, ContainerQuery());
        try
        {
            var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(true, response);
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "ContainerAlreadyExists")
        {
            return Response.FromValue(false, message.Response);
        }
    }

    /// <summary>Deletes the container (and its blobs) if it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call deleted it, false when it did not exist.</returns>
    public Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        DeleteIfExistsAsync(null, cancellationToken);

    /// <summary>Deletes the container (and its blobs) if it exists.</summary>
    /// <param name="conditions">Conditions (lease id, modification times) the delete requires.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call deleted it, false when it did not exist.</returns>
    public async Task<Response<bool>> DeleteIfExistsAsync(BlobRequestConditions? conditions, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, ContainerQuery());
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>Returns whether the container exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when it exists.</returns>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, ContainerQuery());
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Lists the container's blobs in name (lexical) order.</summary>
    /// <param name="prefix">Only blobs whose names start with this.</param>
    /// <param name="includeMetadata">Whether each item carries the blob's metadata.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The blobs, fetched a page at a time by continuation marker (the page size hint maps to <c>maxresults</c>).</returns>
    public AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, bool includeMetadata = false, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<BlobItem>(
            async (marker, pageSize, ct) =>
            {
                var uri = ContainerQuery();
                uri.AppendQuery("comp", "list");
                if (includeMetadata)
                {
                    uri.AppendQuery("include", "metadata");
                }

                BlobServiceClient.AppendListQuery(uri, prefix, marker, pageSize);
                using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
                var response = await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
                var (items, next) = BlobXml.ParseBlobList(response.Content);
                return Page<BlobItem>.FromValues(items, next, response);
            },
            cancellationToken);

    private RequestUriBuilder ContainerUri() => _pipeline.Uri(Name);

    private RequestUriBuilder ContainerQuery()
    {
        var uri = ContainerUri();
        uri.AppendQuery("restype", "container");
        return uri;
    }
}
