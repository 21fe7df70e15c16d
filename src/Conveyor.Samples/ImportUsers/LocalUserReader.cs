using Azure.Data.Tables;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Samples.ImportUsers;

/// <summary>Reads the local users of one job instance (one table partition) in row-key order.</summary>
/// <remarks>
/// Restart: <see cref="UpdateAsync"/> saves the row key of the last user read; <see cref="OpenAsync"/> with that context
/// queries only the rows after it, so a restart continues after the last committed chunk. Each user is returned with
/// the line of the users CSV it came from, so a skip in this step still names that line.
/// </remarks>
/// <param name="users">The users table.</param>
/// <param name="runKey">The partition of the job instance.</param>
internal sealed class LocalUserReader(TableClient users, string runKey) : IItemReader<LocalUser>, IItemStream, IAsyncDisposable
{
    private const string LastKey = "localUserReader.lastUserId";

    private IAsyncEnumerator<TableEntity>? _rows;
    private string? _last;

    public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        _last = executionContext.Get<string?>(LastKey);
        return Task.CompletedTask;
    }

    public async ValueTask<ReadResult<LocalUser>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_rows is null)
        {
            var filter = _last is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {runKey}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {runKey} and RowKey gt {_last}");
            _rows = users.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        if (!await _rows.MoveNextAsync().ConfigureAwait(false))
        {
            return ReadResult.End<LocalUser>();
        }

        var user = LocalUser.FromEntity(_rows.Current);
        _last = user.UserId;
        return ReadResult.Of(user, user.Line);
    }

    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        executionContext.Put(LastKey, _last);
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
}
