using Azure;
using Conveyor.Storage.Tables;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// Reads and writes <see cref="InstanceRecord"/>s. Every write is guarded by ETag; a 412 is retried from fresh
/// state by the caller-supplied decision, never overwritten blindly.
/// </summary>
internal sealed class InstanceStore(TableClient table, PayloadStore payloads)
{
    private const int MaxInlinePayloadLength = 30_000;

    public TableClient Table => table;

    public async Task<InstanceRecord?> GetAsync(string instanceId, bool resolvePayloads, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync(instanceId, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var record = InstanceRecord.FromEntity(entity);
        if (resolvePayloads)
        {
            await ResolveAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return record;
    }

    public async Task ResolveAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        record.Input = await payloads.ResolveAsync(record.Input, cancellationToken).ConfigureAwait(false);
        record.Output = await payloads.ResolveAsync(record.Output, cancellationToken).ConfigureAwait(false);
        record.CustomStatus = await payloads.ResolveAsync(record.CustomStatus, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current row (or to null when absent) and writes the result guarded by
    /// the row's ETag, re-reading and re-deciding on every 412/409. <paramref name="change"/> returns null to write nothing.
    /// </summary>
    /// <returns>The record written (with its new ETag, large payloads as their references), or null when <paramref name="change"/> declined.</returns>
    public Task<InstanceRecord?> UpdateAsync(string instanceId, Func<InstanceRecord?, InstanceRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(instanceId, null, change, cancellationToken);

    /// <summary>As <see cref="UpdateAsync(string, Func{InstanceRecord?, InstanceRecord?}, CancellationToken)"/>, trying a record read earlier first (saves a read when nobody changed it).</summary>
    public Task<InstanceRecord?> UpdateAsync(string instanceId, InstanceRecord? known, Func<InstanceRecord?, InstanceRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(instanceId, known, assumeAbsent: false, change, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{InstanceRecord?, InstanceRecord?}, CancellationToken)"/>, deciding first as
    /// if there were no row: a new instance id costs no read; when the row exists, the insert's 409 leads to reading it
    /// and deciding again.
    /// </summary>
    public Task<InstanceRecord?> InsertOrUpdateAsync(string instanceId, Func<InstanceRecord?, InstanceRecord?> change, CancellationToken cancellationToken) =>
        UpdateAsync(instanceId, null, assumeAbsent: true, change, cancellationToken);

    private async Task<InstanceRecord?> UpdateAsync(string instanceId, InstanceRecord? known, bool assumeAbsent, Func<InstanceRecord?, InstanceRecord?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = assumeAbsent ? null : known ?? await GetAsync(instanceId, resolvePayloads: false, cancellationToken).ConfigureAwait(false);
            (known, assumeAbsent) = (null, false);
            var next = change(current);
            if (next is null)
            {
                return null;
            }

            var entity = next.ToEntity();
            foreach (var field in new[] { nameof(InstanceRecord.Input), nameof(InstanceRecord.Output), nameof(InstanceRecord.CustomStatus) })
            {
                entity[field] = await payloads.OffloadIfLargeAsync(entity.GetString(field), MaxInlinePayloadLength, instanceId, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                if (current is null)
                {
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                // The record now mirrors the stored row (large payloads as their blob references), as a read would.
                next.Input = entity.GetString(nameof(InstanceRecord.Input));
                next.Output = entity.GetString(nameof(InstanceRecord.Output));
                next.CustomStatus = entity.GetString(nameof(InstanceRecord.CustomStatus));
                next.ETag = entity.ETag;
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else changed the row: decide again from what is there now.
            }
        }
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(instanceId, string.Empty, ETag.All, cancellationToken).ConfigureAwait(false);
}
