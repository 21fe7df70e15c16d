using Azure.Data.Tables;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Samples.Football;

/// <summary>
/// Reads the games of one job instance in key order (year, then player, then line) and sums the consecutive games of
/// one player and year into one <see cref="PlayerSummary"/>.
/// </summary>
/// <remarks>
/// Restart: <see cref="UpdateAsync"/> saves the keys of the last game summed into a summary already returned;
/// <see cref="OpenAsync"/> with that context queries only the games after it. A summary is returned only once all its
/// games are read, so a restart never splits one: the step can stop at any commit (for example when its time budget
/// runs out) and resume without summing a game twice or losing one.
/// </remarks>
/// <param name="games">The games table.</param>
/// <param name="runKey">The job instance whose games to read.</param>
internal sealed class GameSummaryReader(TableClient games, string runKey) : IItemReader<PlayerSummary>, IItemStream, IAsyncDisposable
{
    private const string PartitionKeyKey = "gameSummaryReader.partitionKey";
    private const string RowKeyKey = "gameSummaryReader.rowKey";

    private IAsyncEnumerator<TableEntity>? _rows;
    private TableEntity? _next;
    private bool _exhausted;
    private string? _lastPartitionKey;
    private string? _lastRowKey;

    public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        _lastPartitionKey = executionContext.Get<string?>(PartitionKeyKey);
        _lastRowKey = executionContext.Get<string?>(RowKeyKey);
        return Task.CompletedTask;
    }

    public async ValueTask<ReadResult<PlayerSummary>> ReadAsync(CancellationToken cancellationToken = default)
    {
        _rows ??= games.QueryAsync<TableEntity>(Filter(), maxPerPage: 1000, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        var row = _next ?? await NextRowAsync().ConfigureAwait(false);
        if (row is null)
        {
            return ReadResult.End<PlayerSummary>();
        }

        var (playerId, year) = (Text(row, "playerId"), Number(row, "year"));
        var totals = new int[Game.StatisticColumns.Length];
        while (true)
        {
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += Number(row, Game.StatisticColumns[i]);
            }

            var last = row;
            _next = await NextRowAsync().ConfigureAwait(false);
            if (_next is null || Text(_next, "playerId") != playerId || Number(_next, "year") != year)
            {
                (_lastPartitionKey, _lastRowKey) = (last.PartitionKey, last.RowKey);
                return ReadResult.Of(new PlayerSummary(playerId, year, totals));
            }

            row = _next;
        }
    }

    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        executionContext.Put(PartitionKeyKey, _lastPartitionKey);
        executionContext.Put(RowKeyKey, _lastRowKey);
        return Task.CompletedTask;
    }

    public Task CloseAsync(CancellationToken cancellationToken = default) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_rows is not null)
        {
            await _rows.DisposeAsync().ConfigureAwait(false);
            _rows = null;
        }
    }

    private static string Text(TableEntity row, string name) =>
        row.GetString(name) ?? throw new InvalidDataException($"The game row '{row.RowKey}' has no '{name}'.");

    private static int Number(TableEntity row, string name) =>
        row.GetInt32(name) ?? throw new InvalidDataException($"The game row '{row.RowKey}' has no '{name}'.");

    /// <summary>The instance's partitions are <c>{runKey}-{year}</c>: from <c>{runKey}-</c> up to <c>{runKey}.</c> ('.' follows '-').</summary>
    private string Filter()
    {
        var (from, to) = (runKey + "-", runKey + ".");
        return _lastPartitionKey is null || _lastRowKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}")
            : TableClient.CreateQueryFilter(
                $"(PartitionKey eq {_lastPartitionKey} and RowKey gt {_lastRowKey}) or (PartitionKey gt {_lastPartitionKey} and PartitionKey lt {to})");
    }

    private async ValueTask<TableEntity?> NextRowAsync()
    {
        if (_exhausted || !await _rows!.MoveNextAsync().ConfigureAwait(false))
        {
            _exhausted = true;
            return null;
        }

        return _rows.Current;
    }
}
