using System.Globalization;
using Azure;
using Azure.Core;
using Conveyor.Storage.Connection;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Queues;

/// <summary>One storage queue: create and delete it, send, receive, update, delete and peek its messages.</summary>
/// <remarks>
/// <para>
/// Delivery is at-least-once: a received message stays in the queue, hidden for its visibility timeout, until it
/// is deleted with the pop receipt of that receive. If the receiver dies, it reappears with a higher
/// <see cref="QueueMessage.DequeueCount"/>. Ordering is not guaranteed.
/// </para>
/// <para>
/// Sending is not idempotent: a retried send whose first attempt reached the service (the response was lost)
/// enqueues the message twice. Consumers must tolerate duplicates.
/// </para>
/// <para>Instances are thread-safe; create one per queue and reuse it.</para>
/// </remarks>
public sealed partial class QueueClient
{
    /// <summary>A time to live that means the message never expires (sent as <c>messagettl=-1</c>).</summary>
    public static readonly TimeSpan InfiniteTimeToLive = TimeSpan.FromSeconds(-1);

    /// <summary>The largest message the service accepts: 64 KiB of <c>MessageText</c> after encoding (48 KiB of body with base64).</summary>
    public const int MaxMessageBytes = QueueMessageCodec.MaxMessageTextBytes;

    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerRequest = 32;

    private readonly StoragePipeline _pipeline;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>Initializes a new instance of the <see cref="QueueClient"/> class from a connection string.</summary>
    /// <param name="connectionString">A storage connection string with a queue endpoint.</param>
    /// <param name="queueName">The queue's name (3–63 lower-case letters, digits and single hyphens).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <exception cref="ArgumentException">The queue name breaks a naming rule.</exception>
    /// <exception cref="StorageConnectionStringException">The connection string is malformed or has no queue endpoint.</exception>
    public QueueClient(string connectionString, string queueName, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        QueueName.Validate(queueName, nameof(queueName));
        options ??= new QueueClientOptions();
        _pipeline = StoragePipeline.FromConnectionString(StorageConnectionString.Parse(connectionString), StorageService.Queue, options);
        _encoding = options.MessageEncoding;
        Name = queueName;
    }

    internal QueueClient(StoragePipeline pipeline, string queueName, QueueMessageEncoding encoding)
    {
        QueueName.Validate(queueName, nameof(queueName));
        _pipeline = pipeline;
        _encoding = encoding;
        Name = queueName;
    }

    /// <summary>Gets the queue's name.</summary>
    public string Name { get; }

    /// <summary>Gets the queue's URI (without credentials).</summary>
    public Uri Uri => _pipeline.Uri(Name).ToUri();

    /// <summary>Gets the account name.</summary>
    public string AccountName => _pipeline.AccountName;

    /// <summary>Gets how this client encodes message bodies.</summary>
    public QueueMessageEncoding MessageEncoding => _encoding;

    /// <summary>Creates the queue.</summary>
    /// <param name="metadata">Metadata to set on the queue, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's response.</returns>
    /// <exception cref="RequestFailedException">409 <c>QueueAlreadyExists</c> when the queue exists with other metadata.</exception>
    /// <remarks>Creating a queue that exists with the same metadata succeeds (204).</remarks>
    public async Task<Response> CreateAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _pipeline.Uri(Name));
        QueueMetadata.Write(message.Request, metadata, nameof(metadata));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the queue unless it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when this call created the queue, <see langword="false"/> when it existed.</returns>
    public Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        CreateIfNotExistsAsync(null, cancellationToken);

    /// <summary>Creates the queue with metadata unless it exists.</summary>
    /// <param name="metadata">Metadata to set on the queue, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when this call created the queue, <see langword="false"/> when it existed.</returns>
    /// <remarks>An existing queue keeps its metadata, even if it differs from <paramref name="metadata"/>.</remarks>
    public async Task<Response<bool>> CreateIfNotExistsAsync(IDictionary<string, string>? metadata, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _pipeline.Uri(Name));
        QueueMetadata.Write(message.Request, metadata, nameof(metadata));

        // 201 = created now; 204 = it already existed with the same metadata; 409 QueueAlreadyExists = with other metadata.
        var response = await _pipeline.SendAsync(message, 409, "QueueAlreadyExists", cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Status == 201, response);
    }

    /// <summary>Deletes the queue and its messages.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's response.</returns>
    /// <exception cref="RequestFailedException">404 <c>QueueNotFound</c>.</exception>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, _pipeline.Uri(Name));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue and its messages if it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when this call deleted the queue, <see langword="false"/> when there was none.</returns>
    public async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, _pipeline.Uri(Name));
        var response = await _pipeline.SendAsync(message, 404, "QueueNotFound", cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>Returns whether the queue exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        var uri = _pipeline.Uri(Name);
        uri.AppendQuery("comp", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Gets the queue's approximate message count and metadata.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The properties.</returns>
    /// <exception cref="RequestFailedException">404 <c>QueueNotFound</c>.</exception>
    public async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var uri = _pipeline.Uri(Name);
        uri.AppendQuery("comp", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count);
        var properties = new QueueProperties(
            count is null ? 0 : int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture),
            QueueMetadata.Read(response));
        return Response.FromValue(properties, response);
    }

    /// <summary>Replaces the queue's metadata.</summary>
    /// <param name="metadata">The new metadata; null or empty removes all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's response.</returns>
    public async Task<Response> SetMetadataAsync(IDictionary<string, string>? metadata, CancellationToken cancellationToken = default)
    {
        var uri = _pipeline.Uri(Name);
        uri.AppendQuery("comp", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        QueueMetadata.Write(message.Request, metadata, nameof(metadata));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
