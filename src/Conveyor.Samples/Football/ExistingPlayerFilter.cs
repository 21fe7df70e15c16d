using Azure.Data.Tables;
using Conveyor.Batch.Item;

namespace Conveyor.Samples.Football;

/// <summary>Filters out (returns null for) the summaries of players the players table of the job instance does not have.</summary>
/// <param name="players">The players table.</param>
/// <param name="runKey">The job instance whose players count.</param>
internal sealed class ExistingPlayerFilter(TableClient players, string runKey) : IItemProcessor<PlayerSummary, PlayerSummary>
{
    private HashSet<string>? _ids;

    public async ValueTask<PlayerSummary?> ProcessAsync(PlayerSummary item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_ids is null)
        {
            // A few thousand ids: one query when the step opens beats a lookup per summary.
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var player in players.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runKey}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                ids.Add(player.RowKey);
            }

            _ids = ids;
        }

        return _ids.Contains(item.PlayerId) ? item : null;
    }
}
