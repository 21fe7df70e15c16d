using Azure;
using Azure.Core;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Blobs;

/// <summary>
/// A client of one storage account's Blob service: lists containers and hands out container clients that share
/// its pipeline (retries, authorization, diagnostics).
/// </summary>
/// <remarks>Thread-safe; create one per account and reuse it.</remarks>
public sealed class BlobServiceClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="BlobServiceClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    /// <exception cref="StorageConnectionStringException">The connection string is malformed or has no blob endpoint.</exception>
    public BlobServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Blob, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BlobServiceClient"/> class that authorizes with Microsoft Entra ID.</summary>
    /// <param name="serviceUri">The blob service endpoint, for example <c>https://account.blob.core.windows.net</c>.</param>
    /// <param name="credential">The token credential.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromTokenCredential(serviceUri, credential, StorageService.Blob, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BlobServiceClient"/> class that signs with Shared Key.</summary>
    /// <param name="serviceUri">The blob service endpoint.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromSharedKey(serviceUri, credential, StorageService.Blob, options ?? new StorageClientOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BlobServiceClient"/> class that appends a shared access signature.</summary>
    /// <param name="serviceUri">The blob service endpoint (without a query).</param>
    /// <param name="credential">The shared access signature.</param>
    /// <param name="options">Retry, transport and diagnostics options.</param>
    public BlobServiceClient(Uri serviceUri, AzureSasCredential credential, StorageClientOptions? options = null)
        : this(StoragePipeline.FromSas(serviceUri, credential, StorageService.Blob, options ?? new StorageClientOptions()))
    {
    }

    private BlobServiceClient(StoragePipeline pipeline) => _pipeline = pipeline;

    /// <summary>Gets the blob service endpoint.</summary>
    public Uri Uri => _pipeline.Endpoint;

    /// <summary>Gets the account name.</summary>
    public string AccountName => _pipeline.AccountName;

    /// <summary>Returns a client for a container; no request is made.</summary>
    /// <param name="containerName">The container name.</param>
    /// <returns>The container client.</returns>
    /// <exception cref="ArgumentException">The name breaks a container naming rule (the message names it).</exception>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_pipeline, containerName);

    /// <summary>Lists the account's containers in name order, with their metadata.</summary>
    /// <param name="prefix">Only containers whose names start with this.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The containers, fetched a page at a time (the page size hint maps to <c>maxresults</c>).</returns>
    public AsyncPageable<BlobContainerItem> GetBlobContainersAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<BlobContainerItem>(
            async (marker, pageSize, ct) =>
            {
                var uri = _pipeline.Uri();
                uri.AppendPath("/", escape: false);
                uri.AppendQuery("comp", "list");
                uri.AppendQuery("include", "metadata");
                AppendListQuery(uri, prefix, marker, pageSize);
                using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
                var response = await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
                var (items, next) = BlobXml.ParseContainerList(response.Content);
                return Page<BlobContainerItem>.FromValues(items, next, response);
            },
            cancellationToken);

    internal static void AppendListQuery(RequestUriBuilder uri, string? prefix, string? marker, int? pageSize)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }

        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, "pageSizeHint");
            uri.AppendQuery("maxresults", Math.Min(size, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
