using System.Globalization;
using Azure;
using Azure.Core;
using Conveyor.Storage.Authentication;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Queues;

/// <summary>The queue service of a storage account: lists queues and hands out <see cref="QueueClient"/>s.</summary>
/// <remarks>
/// Queue clients from <see cref="GetQueueClient"/> share this client's HTTP pipeline (connections, retries,
/// credential) and its <see cref="QueueClientOptions.MessageEncoding"/>. Instances are thread-safe.
/// </remarks>
public sealed class QueueServiceClient
{
    private const int ListPageSize = 5000;

    private readonly StoragePipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>Initializes a new instance of the <see cref="QueueServiceClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string with a queue endpoint.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="StorageConnectionStringException">The connection string is malformed or has no queue endpoint.</exception>
    public QueueServiceClient(string connectionString, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= new QueueClientOptions();
        _pipeline = StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Queue, options);
        _encoding = options.MessageEncoding;
    }

    /// <summary>Initializes a new instance of the <see cref="QueueServiceClient"/> class that authorizes with Microsoft Entra ID.</summary>
    /// <param name="serviceUri">The queue endpoint, for example <c>https://account.queue.core.windows.net</c>.</param>
    /// <param name="credential">The token credential (managed identity, <c>DefaultAzureCredential</c>, …).</param>
    /// <param name="options">Options; defaults when null.</param>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        _pipeline = StoragePipeline.FromTokenCredential(serviceUri, credential, StorageService.Queue, options);
        _encoding = options.MessageEncoding;
    }

    /// <summary>Initializes a new instance of the <see cref="QueueServiceClient"/> class that signs with the account key.</summary>
    /// <param name="serviceUri">The queue endpoint.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Options; defaults when null.</param>
    public QueueServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        _pipeline = StoragePipeline.FromSharedKey(serviceUri, credential, StorageService.Queue, options);
        _encoding = options.MessageEncoding;
    }

    /// <summary>Initializes a new instance of the <see cref="QueueServiceClient"/> class that uses a shared access signature.</summary>
    /// <param name="serviceUri">The queue endpoint, without a query.</param>
    /// <param name="credential">The signature (the query string, with or without the leading '?').</param>
    /// <param name="options">Options; defaults when null.</param>
    public QueueServiceClient(Uri serviceUri, AzureSasCredential credential, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        _pipeline = StoragePipeline.FromSas(serviceUri, credential, StorageService.Queue, options);
        _encoding = options.MessageEncoding;
    }

    /// <summary>Gets the queue endpoint.</summary>
    public Uri Uri => _pipeline.Endpoint;

    /// <summary>Gets the account name.</summary>
    public string AccountName => _pipeline.AccountName;

    /// <summary>Returns a client for one queue; no request is made.</summary>
    /// <param name="queueName">The queue's name (3–63 lower-case letters, digits and single hyphens).</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentException">The name breaks a naming rule.</exception>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, queueName, _encoding);

    /// <summary>Lists the account's queues (with their metadata), optionally only those whose names start with a prefix.</summary>
    /// <param name="prefix">A name prefix, or null for all queues.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The queues, in name order, fetched page by page.</returns>
    public AsyncPageable<QueueItem> GetQueuesAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<QueueItem>((marker, pageSize, ct) => GetQueuesPageAsync(prefix, marker, pageSize, ct), cancellationToken);

    private async ValueTask<Page<QueueItem>> GetQueuesPageAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        var uri = _pipeline.Uri();
        uri.AppendPath("/", escape: false);
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }

        uri.AppendQuery("maxresults", Math.Clamp(pageSize ?? ListPageSize, 1, ListPageSize).ToString(CultureInfo.InvariantCulture));
        uri.AppendQuery("include", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var (queues, nextMarker) = QueueXml.ReadQueues(response.ContentStream!);
        return Page<QueueItem>.FromValues(queues, nextMarker, response);
    }
}
