using Azure;
using Azure.Core;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Blobs;

/// <summary>A client of one block blob: upload, stage and commit blocks, download, read lazily, properties, leases.</summary>
/// <remarks>
/// Thread-safe. The name is validated when the client is created, before any request, and escaped segment by
/// segment when sent (spaces, unicode, '#', '?', '%' are safe). Every mutating call takes
/// <see cref="BlobRequestConditions"/>: pass <see cref="BlobRequestConditions.IfMatch"/> for optimistic concurrency
/// and <see cref="BlobRequestConditions.LeaseId"/> while the blob is leased.
/// </remarks>
public sealed partial class BlobClient
{
    private readonly StoragePipeline _pipeline;
    private readonly string _escapedName;

    /// <summary>Initializes a new instance of the <see cref="BlobClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string.</param>
    /// <param name="containerName">The container name.</param>
    /// <param name="blobName">The blob name.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public BlobClient(string connectionString, string containerName, string blobName, StorageClientOptions? options = null)
        : this(StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Blob, options ?? new StorageClientOptions()), containerName, blobName)
    {
    }

    internal BlobClient(StoragePipeline pipeline, string containerName, string blobName)
    {
        BlobNames.ValidateContainerName(containerName);
        BlobNames.ValidateBlobName(blobName);
        _pipeline = pipeline;
        ContainerName = containerName;
        Name = blobName;
        _escapedName = BlobNames.EscapePath(blobName);
    }

    /// <summary>Gets the blob name (unescaped).</summary>
    public string Name { get; }

    /// <summary>Gets the container name.</summary>
    public string ContainerName { get; }

    /// <summary>Gets the blob's URI (escaped, without any shared access signature).</summary>
    public Uri Uri => BlobUri().ToUri();

    /// <summary>Returns a lease client for this blob.</summary>
    /// <param name="leaseId">The lease id to use; a new GUID when null.</param>
    /// <returns>The lease client.</returns>
    public BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, BlobUri, isContainer: false, leaseId);

    /// <summary>Reads the blob's properties and metadata.</summary>
    /// <param name="conditions">Conditions the read requires.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties.</returns>
    /// <exception cref="RequestFailedException">404 when the blob does not exist; 412 when a condition fails.</exception>
    public async Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, BlobUri());
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await SendReadAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobHeaders.ReadProperties(response), response);
    }

    /// <summary>Replaces the blob's metadata.</summary>
    /// <param name="metadata">The new metadata (names C# identifiers, values printable ASCII); empty clears it.</param>
    /// <param name="conditions">Conditions the write requires.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The blob's new ETag and last-modified time.</returns>
    /// <exception cref="ArgumentException">A metadata name or value is invalid; nothing was sent.</exception>
    public async Task<Response<BlobInfo>> SetMetadataAsync(
        IDictionary<string, string> metadata, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        BlobMetadata.Validate(metadata);
        var uri = BlobUri();
        uri.AppendQuery("comp", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        BlobHeaders.ApplyMetadata(message.Request, metadata);
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(
            new BlobInfo { ETag = BlobHeaders.ReadETag(response), LastModified = BlobHeaders.ReadLastModified(response) }, response);
    }

    /// <summary>Returns whether the blob exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when it exists (false also when its container does not).</returns>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, BlobUri());
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Deletes the blob.</summary>
    /// <param name="conditions">Conditions the delete requires (pass the lease id of a leased blob).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    /// <exception cref="RequestFailedException">404 when the blob does not exist; 412 when a condition fails.</exception>
    public async Task<Response> DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, BlobUri());
        BlobHeaders.ApplyConditions(message.Request, conditions);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the blob if it exists.</summary>
    /// <param name="conditions">Conditions the delete requires (pass the lease id of a leased blob).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when this call deleted it, false when it (or its container) did not exist.</returns>
    public async Task<Response<bool>> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, BlobUri());
        BlobHeaders.ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>Sends a read; a 304 (an If-None-Match or If-Modified-Since that matched) is a failure, as in the official SDK.</summary>
    private async ValueTask<Response> SendReadAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 304)
        {
            throw new RequestFailedException(
                304,
                $"{message.Request.Method.Method} {message.Request.Uri.ToUri().AbsolutePath} failed with status 304 (Not Modified): the read's condition was not met.",
                BlobHeaders.Read(response, "x-ms-error-code") ?? "ConditionNotMet",
                null);
        }

        return response;
    }

    private RequestUriBuilder BlobUri()
    {
        var uri = _pipeline.Uri(ContainerName);
        uri.AppendPath("/", escape: false);
        uri.AppendPath(_escapedName, escape: false);
        return uri;
    }
}
