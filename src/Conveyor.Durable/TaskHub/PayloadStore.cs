using Conveyor.Storage.Blobs;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// Moves values too large for a queue message or a table property into blobs of the hub's large-payload
/// container, and resolves the references back.
/// </summary>
/// <remarks>
/// A reference is the text <c>$blob:</c> followed by the blob name; blob names start with the instance id, so a
/// purge can delete them by prefix. Values are JSON, which never starts with <c>$</c>, so a reference cannot be
/// mistaken for a value; offloading a reference again leaves it as it is.
/// </remarks>
internal sealed class PayloadStore(BlobContainerClient container)
{
    private const string ReferencePrefix = "$blob:";

    /// <summary>Returns the value, or a reference to a blob holding it when it is longer than <paramref name="maxLength"/> characters.</summary>
    public async ValueTask<string?> OffloadIfLargeAsync(string? value, int maxLength, string instanceId, CancellationToken cancellationToken)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        var name = $"{instanceId}/{Guid.NewGuid():N}";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(value), cancellationToken: cancellationToken).ConfigureAwait(false);
        return ReferencePrefix + name;
    }

    /// <summary>Returns the value a reference points at, or the value itself when it is not a reference.</summary>
    public async ValueTask<string?> ResolveAsync(string? value, CancellationToken cancellationToken)
    {
        if (value is null || !value.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var download = await container.GetBlobClient(value[ReferencePrefix.Length..]).DownloadContentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return download.Value.Content.ToString();
    }

    /// <summary>Deletes every payload blob of an instance.</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(instanceId + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
