using System.Globalization;
using Azure;
using Azure.Core;

namespace Conveyor.Storage.Queues;

/// <content>Message operations.</content>
public sealed partial class QueueClient
{
    /// <summary>Adds a text message to the queue.</summary>
    /// <param name="messageText">The text; encoded according to <see cref="QueueClientOptions.MessageEncoding"/>.</param>
    /// <param name="visibilityTimeout">How long the message stays invisible after it is added (0 s to 7 days); default 0.</param>
    /// <param name="timeToLive">How long the message lives (at least 1 s); <see cref="InfiniteTimeToLive"/> = never expires; default 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message's id, pop receipt and times.</returns>
    /// <exception cref="ArgumentException">
    /// The message is over 64 KiB after encoding, holds characters XML cannot carry (with <see cref="QueueMessageEncoding.None"/>),
    /// or a timeout is out of range (checked before any request).
    /// </exception>
    /// <exception cref="RequestFailedException">The service refused the message, for example 404 <c>QueueNotFound</c>.</exception>
    /// <remarks>Not idempotent: if the response to a successful send is lost, the retry enqueues a second copy.</remarks>
    public Task<Response<SendReceipt>> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = QueueMessageCodec.Encode(messageText, _encoding, nameof(messageText));
        return SendEncodedAsync(body, visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Adds a binary message to the queue.</summary>
    /// <param name="message">The body; with <see cref="QueueMessageEncoding.None"/> it must be UTF-8 text.</param>
    /// <param name="visibilityTimeout">How long the message stays invisible after it is added (0 s to 7 days); default 0.</param>
    /// <param name="timeToLive">How long the message lives (at least 1 s); <see cref="InfiniteTimeToLive"/> = never expires; default 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message's id, pop receipt and times.</returns>
    /// <exception cref="ArgumentException">The message is too large or not encodable, or a timeout is out of range.</exception>
    /// <exception cref="RequestFailedException">The service refused the message.</exception>
    /// <remarks>Not idempotent: if the response to a successful send is lost, the retry enqueues a second copy.</remarks>
    public Task<Response<SendReceipt>> SendMessageAsync(
        BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = QueueMessageCodec.Encode(message, _encoding, nameof(message));
        return SendEncodedAsync(body, visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for the visibility timeout.</summary>
    /// <param name="maxMessages">1 to 32; default 1.</param>
    /// <param name="visibilityTimeout">How long the messages stay hidden (1 s to 7 days); default 30 s.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages; empty when none is visible.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (checked before any request).</exception>
    /// <exception cref="FormatException">The client expects base64 and a message is not base64.</exception>
    /// <remarks>
    /// A message must be deleted with the returned pop receipt before its visibility timeout ends, or it is
    /// delivered again (at-least-once). When a body cannot be decoded (<see cref="FormatException"/>), the whole
    /// batch stays hidden until its visibility timeout; read such a queue with <see cref="QueueMessageEncoding.None"/>
    /// to inspect or delete the offending message.
    /// </remarks>
    public async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(
        int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var count = QueueLimits.MaxMessages(maxMessages, nameof(maxMessages));
        var uri = MessagesUri();
        uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        if (visibilityTimeout is { } visibility)
        {
            uri.AppendQuery("visibilitytimeout", Seconds(QueueLimits.ReceiveVisibilitySeconds(visibility, nameof(visibilityTimeout))));
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var wire = QueueXml.ReadMessages(response.ContentStream!);
        var messages = new QueueMessage[wire.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var m = wire[i];
            var id = m.MessageId ?? string.Empty;
            messages[i] = new QueueMessage(
                id,
                m.PopReceipt ?? string.Empty,
                QueueMessageCodec.Decode(m.MessageText ?? string.Empty, _encoding, Name, id),
                m.DequeueCount,
                m.InsertionTime,
                m.ExpirationTime,
                m.TimeNextVisible);
        }

        return Response.FromValue(messages, response);
    }

    /// <summary>Receives one visible message, or null when none is visible.</summary>
    /// <param name="visibilityTimeout">How long the message stays hidden (1 s to 7 days); default 30 s.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message, or null.</returns>
    public async Task<Response<QueueMessage?>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var response = await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(response.Value.FirstOrDefault(), response.GetRawResponse());
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without hiding them or counting a dequeue.</summary>
    /// <param name="maxMessages">1 to 32; default 1.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages; empty when none is visible.</returns>
    public async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        var count = QueueLimits.MaxMessages(maxMessages, nameof(maxMessages));
        var uri = MessagesUri();
        uri.AppendQuery("peekonly", "true");
        uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var wire = QueueXml.ReadMessages(response.ContentStream!);
        var messages = new PeekedMessage[wire.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var m = wire[i];
            var id = m.MessageId ?? string.Empty;
            messages[i] = new PeekedMessage(
                id,
                QueueMessageCodec.Decode(m.MessageText ?? string.Empty, _encoding, Name, id),
                m.DequeueCount,
                m.InsertionTime,
                m.ExpirationTime);
        }

        return Response.FromValue(messages, response);
    }

    /// <summary>Changes a received message's visibility timeout and, optionally, its body.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="popReceipt">The pop receipt of the latest receive or update; it stops working after this call.</param>
    /// <param name="message">The new body, or null to keep the body.</param>
    /// <param name="visibilityTimeout">How long from now the message stays hidden (0 s to 7 days); 0 makes it visible at once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new pop receipt and when the message becomes visible.</returns>
    /// <exception cref="RequestFailedException">404 <c>MessageNotFound</c> or 400 <c>PopReceiptMismatch</c> when the receipt is stale.</exception>
    /// <remarks>Used to extend the lease on a message that takes long to process. Keep the returned receipt.</remarks>
    public Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, BinaryData? message = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var body = message is null ? null : QueueMessageCodec.Encode(message, _encoding, nameof(message));
        return UpdateEncodedAsync(messageId, popReceipt, body, visibilityTimeout, cancellationToken);
    }

    /// <summary>Changes a received message's text and visibility timeout.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="popReceipt">The pop receipt of the latest receive or update; it stops working after this call.</param>
    /// <param name="messageText">The new text.</param>
    /// <param name="visibilityTimeout">How long from now the message stays hidden (0 s to 7 days); 0 makes it visible at once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new pop receipt and when the message becomes visible.</returns>
    /// <exception cref="RequestFailedException">404 <c>MessageNotFound</c> or 400 <c>PopReceiptMismatch</c> when the receipt is stale.</exception>
    public Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, string messageText, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var body = QueueMessageCodec.Encode(messageText, _encoding, nameof(messageText));
        return UpdateEncodedAsync(messageId, popReceipt, body, visibilityTimeout, cancellationToken);
    }

    /// <summary>Deletes a received message.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="popReceipt">The pop receipt of the latest receive or update.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's response.</returns>
    /// <exception cref="RequestFailedException">
    /// 404 <c>MessageNotFound</c> (already deleted, expired, or received again by someone else) or
    /// 400 <c>PopReceiptMismatch</c>.
    /// </exception>
    /// <remarks>
    /// A retry after a lost response of a successful delete gets 404: callers that treat "already gone" as done
    /// should catch 404 <c>MessageNotFound</c>.
    /// </remarks>
    public async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, MessageUri(messageId, popReceipt));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every message in the queue.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's response.</returns>
    /// <remarks>On a very large queue the service may time out part way; calling again continues.</remarks>
    public async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, MessagesUri());
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    private async Task<Response<SendReceipt>> SendEncodedAsync(
        byte[] body, TimeSpan? visibilityTimeout, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var uri = MessagesUri();
        int? visibilitySeconds = visibilityTimeout is { } v ? QueueLimits.VisibilitySeconds(v, nameof(visibilityTimeout)) : null;
        int? ttlSeconds = timeToLive is { } t ? QueueLimits.TimeToLiveSeconds(t, nameof(timeToLive)) : null;
        if (visibilitySeconds is { } vs)
        {
            QueueLimits.VisibleBeforeExpiry(vs, ttlSeconds ?? (int)QueueLimits.MaxVisibilityTimeout.TotalSeconds + 1, nameof(visibilityTimeout));
            uri.AppendQuery("visibilitytimeout", Seconds(vs));
        }

        if (ttlSeconds is { } ts)
        {
            uri.AppendQuery("messagettl", Seconds(ts));
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Post, uri);
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var wire = QueueXml.ReadMessages(response.ContentStream!);
        if (wire.Count == 0)
        {
            throw new RequestFailedException(response.Status, $"POST {Uri.AbsolutePath}/messages returned no QueueMessage element.", null, null);
        }

        var m = wire[0];
        var receipt = new SendReceipt(
            m.MessageId ?? string.Empty,
            m.PopReceipt ?? string.Empty,
            m.InsertionTime.GetValueOrDefault(),
            m.ExpirationTime.GetValueOrDefault(),
            m.TimeNextVisible.GetValueOrDefault());
        return Response.FromValue(receipt, response);
    }

    private async Task<Response<UpdateReceipt>> UpdateEncodedAsync(
        string messageId, string popReceipt, byte[]? body, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var uri = MessageUri(messageId, popReceipt);
        uri.AppendQuery("visibilitytimeout", Seconds(QueueLimits.VisibilitySeconds(visibilityTimeout, nameof(visibilityTimeout))));
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
            message.Request.Content = RequestContent.Create(body);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        var receipt = new UpdateReceipt(
            newReceipt ?? string.Empty,
            nextVisible is null ? default : QueueXml.ParseDate(nextVisible));
        return Response.FromValue(receipt, response);
    }

    private RequestUriBuilder MessagesUri() => _pipeline.Uri(Name, "messages");

    private RequestUriBuilder MessageUri(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var uri = _pipeline.Uri(Name, "messages", messageId);
        uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        return uri;
    }
}
