using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Conveyor.Batch.Core;
using static Conveyor.Batch.Repository.TableJobRepositoryKeys;

namespace Conveyor.Batch.Repository;

/// <summary>
/// An <see cref="IJobRepository"/> on Azure Table storage (or Azurite): five tables named after a prefix.
/// </summary>
/// <remarks>
/// <para>Tables and keys (names are escaped with <c>%XX</c> where a key may not hold a character, free text is hashed):</para>
/// <list type="bullet">
/// <item><c>&lt;prefix&gt;JobInstances</c>: PartitionKey = job name, RowKey = instance id. The row is the lock of its
/// instance: it names the last execution and every new execution claims it with If-Match.</item>
/// <item><c>&lt;prefix&gt;JobExecutions</c>: PartitionKey = execution id, RowKey = "" (one partition per execution, so
/// point reads by id scale out). Parameters (with types and identifying flags) and failures are JSON.</item>
/// <item><c>&lt;prefix&gt;StepExecutions</c>: PartitionKey = job execution id, RowKey = step name; execution contexts
/// longer than one property are split over <c>Context0</c>…<c>ContextN</c> (at most 480,000 characters).</item>
/// <item><c>&lt;prefix&gt;ParameterIndex</c>: immutable index rows, RowKey = inverted creation ticks + id (newest
/// first), in partitions for all executions, a job's executions, an instance's executions, a job's executions with a
/// parameter value, any job's executions with a parameter value, and a job's instances.</item>
/// <item><c>&lt;prefix&gt;Skips</c>: PartitionKey = job execution id, RowKey = step, line (or item key hash) and phase,
/// so recording a skip again replaces the same row.</item>
/// </list>
/// <para>
/// Every guarded change is a single-entity operation with If-Match (Azurite ignores If-Match inside batch
/// transactions). Index rows are written before the rows they point to and readers skip an index row whose target
/// is missing or was created at another time, so a crash between writes leaves only invisible index rows.
/// </para>
/// </remarks>
public sealed partial class TableJobRepository : IJobRepository
{
    private const int MaxPrefixLength = 63 - 14; // "ParameterIndex" is the longest suffix.

    private readonly TableClient _instances;
    private readonly TableClient _executions;
    private readonly TableClient _steps;
    private readonly TableClient _index;
    private readonly TableClient _skips;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="TableJobRepository"/> class.</summary>
    /// <param name="service">The table service (one long-lived client per app, e.g. from <c>AddConveyor</c>'s services).</param>
    /// <param name="tablePrefix">The prefix of the five table names: letters and digits, starting with a letter, at most 49 characters.</param>
    /// <param name="timeProvider">The clock for creation and update times; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">The prefix cannot make valid table names.</exception>
    public TableJobRepository(TableServiceClient service, string tablePrefix = "conveyor", TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(tablePrefix);
        if (tablePrefix.Length > MaxPrefixLength || !char.IsAsciiLetter(tablePrefix[0]) || !tablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"Table prefix '{tablePrefix}' must be 1 to {MaxPrefixLength} letters and digits, starting with a letter.", nameof(tablePrefix));
        }

        _instances = service.GetTableClient(tablePrefix + "JobInstances");
        _executions = service.GetTableClient(tablePrefix + "JobExecutions");
        _steps = service.GetTableClient(tablePrefix + "StepExecutions");
        _index = service.GetTableClient(tablePrefix + "ParameterIndex");
        _skips = service.GetTableClient(tablePrefix + "Skips");
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { _instances, _executions, _steps, _index, _skips })
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The job name is read from the id (<c>jobName-&lt;32 hex digits&gt;</c>, see <see cref="JobInstance.IdOf"/>); other ids return null.</remarks>
    public async Task<JobInstance?> GetJobInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (JobNameOf(instanceId) is not { } jobName)
        {
            return null;
        }

        var row = await _instances.GetRowAsync(Escape(jobName, nameof(instanceId)), Escape(instanceId, nameof(instanceId)), cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : ReadInstance(row);
    }

    /// <inheritdoc/>
    /// <remarks>Scans the JobInstances table (job names only); sorted ordinally.</remarks>
    public async Task<IReadOnlyList<string>> GetJobNamesAsync(CancellationToken cancellationToken = default)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _instances.QueryAsync<TableEntity>(select: [InstanceColumns.JobName], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString(InstanceColumns.JobName) is { } name)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    /// <inheritdoc/>
    /// <remarks>Pages follow the index of the job's instances; continuation tokens are opaque and resume after the last page.</remarks>
    public AsyncPageable<JobInstance> GetJobInstancesAsync(string jobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        return new TableJobRepositoryPageable<JobInstance>((token, size, ct) => InstancePagesAsync(jobName, token, size, ct), cancellationToken);
    }

    private async IAsyncEnumerable<Page<JobInstance>> InstancePagesAsync(
        string jobName, string? continuationToken, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartitions.InstancesOfJob(jobName)}");
        var pages = _index.QueryAsync<TableEntity>(filter, pageSize ?? 50, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize ?? 50);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var loaded = await Task.WhenAll(page.Values.Select(row => LoadIndexedInstanceAsync(row, jobName, cancellationToken))).ConfigureAwait(false);
            yield return Page<JobInstance>.FromValues([.. loaded.OfType<JobInstance>()], page.ContinuationToken, page.GetRawResponse());
        }
    }

    private async Task<JobInstance?> LoadIndexedInstanceAsync(TableEntity indexRow, string jobName, CancellationToken cancellationToken)
    {
        if (indexRow.GetString(IndexColumns.InstanceId) is not { } instanceId)
        {
            return null;
        }

        var row = await _instances.GetRowAsync(Escape(jobName, nameof(jobName)), Escape(instanceId, nameof(instanceId)), cancellationToken)
            .ConfigureAwait(false);
        var instance = row is null ? null : ReadInstance(row);

        // An index row written by a caller that lost the race to create the instance names another creation time.
        return instance is not null && instance.JobName == jobName && instance.CreatedAt.UtcTicks == TicksOf(indexRow.RowKey) ? instance : null;
    }

    private static JobInstance ReadInstance(TableEntity row) => new(
        row.GetString(InstanceColumns.InstanceId) ?? string.Empty,
        row.GetString(InstanceColumns.JobName) ?? string.Empty,
        row.GetString(InstanceColumns.IdentityKey) ?? string.Empty,
        row.GetDateTimeOffset(InstanceColumns.CreatedAt) ?? default);

    private static string? JobNameOf(string instanceId)
    {
        const int KeyLength = 32;
        if (instanceId.Length <= KeyLength + 1 || instanceId[^(KeyLength + 1)] != '-' || !instanceId[^KeyLength..].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return instanceId[..^(KeyLength + 1)];
    }

    private static bool IsStatus(RequestFailedException e, params int[] statuses) => statuses.Contains(e.Status);
}
