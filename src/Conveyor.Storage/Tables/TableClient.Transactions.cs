using System.Globalization;
using Azure;
using Azure.Core;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Storage.Tables;

/// <summary>Entity group transactions of <see cref="TableClient"/>.</summary>
public sealed partial class TableClient
{
    /// <summary>Applies up to 100 actions on entities of one partition atomically (an entity group transaction).</summary>
    /// <param name="actions">The actions, in order; all on the same partition key, each entity at most once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One response per action, in order; each added or updated entity's <see cref="TableEntity.ETag"/> is set to its new ETag.</returns>
    /// <exception cref="ArgumentException">
    /// No actions, more than 100, more than one partition key, a body over 4 MiB, or an invalid entity — checked before sending.
    /// </exception>
    /// <exception cref="TableTransactionFailedException">
    /// The service refused the transaction; nothing was applied. <see cref="TableTransactionFailedException.FailedTransactionActionIndex"/>
    /// names the failing action when the service reports it.
    /// </exception>
    /// <remarks>
    /// All or nothing: either every action is applied or none is. ETag conditions of update and delete actions are sent
    /// as <c>If-Match</c> and enforced by Azure; note that Azurite (the local emulator) ignores <c>If-Match</c>
    /// inside a transaction, so code must not depend on a transaction failing with 412 when run locally.
    /// </remarks>
    public async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions as IReadOnlyList<TableTransactionAction> ?? actions.ToList();
        ValidateTransaction(list);
        var (body, boundary) = TableTransactionContent.Build(_tableUrl, list);
        if (body.Length > TableLimits.MaxTransactionBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The transaction body is {body.Length} bytes; at most {TableLimits.MaxTransactionBytes} (4 MiB) are allowed."),
                nameof(actions));
        }

        using var message = CreateMessage(RequestMethod.Post, ServiceUri("$batch"));
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "multipart/mixed; boundary=" + boundary);
        message.Request.Content = RequestContent.Create(body);
        await _pipeline.Http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError)
        {
            var error = await StorageErrors.CreateAsync(message.Request, response, cancellationToken).ConfigureAwait(false);
            throw new TableTransactionFailedException(error.Status, error.Message, error.ErrorCode, list.Count == 1 ? 0 : null, error);
        }

        var parts = TableTransactionResponse.Parse(response.Content.ToString());
        foreach (var part in parts)
        {
            if (part.Status >= 400)
            {
                throw TableTransactionResponse.Failure(part, list.Count);
            }
        }

        if (parts.Count != list.Count)
        {
            throw new RequestFailedException(
                response.Status,
                string.Create(CultureInfo.InvariantCulture, $"The table transaction response holds {parts.Count} operation responses for {list.Count} actions."));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].ActionType != TableTransactionActionType.Delete && parts[i].Headers.ETag is { } etag)
            {
                list[i].Entity.ETag = etag;
            }
        }

        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > TableLimits.MaxTransactionActions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A transaction holds at most {TableLimits.MaxTransactionActions} actions; {actions.Count} were given."),
                nameof(actions));
        }

        string? partitionKey = null;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Transaction action {i} is null.", nameof(actions));
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                TableLimits.ValidateKey(action.Entity.GetString(TableEntity.PartitionKeyName), TableEntity.PartitionKeyName, nameof(actions));
                TableLimits.ValidateKey(action.Entity.GetString(TableEntity.RowKeyName), TableEntity.RowKeyName, nameof(actions));
            }
            else
            {
                TableLimits.ValidateEntity(action.Entity, nameof(actions));
            }

            partitionKey ??= action.Entity.PartitionKey;
            if (!string.Equals(partitionKey, action.Entity.PartitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions of a transaction must share one partition key; action {i} has '{action.Entity.PartitionKey}', action 0 has '{partitionKey}'.",
                    nameof(actions));
            }
        }
    }
}
