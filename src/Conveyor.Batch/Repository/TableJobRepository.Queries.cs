using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Conveyor.Batch.Core;
using static Conveyor.Batch.Repository.TableJobRepositoryKeys;

namespace Conveyor.Batch.Repository;

/// <summary>Execution queries of <see cref="TableJobRepository"/>.</summary>
public sealed partial class TableJobRepository
{
    private const int MaxPageSize = 1_000;
    private const string TokenVersion = "1";

    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The lookup walks one partition of the ParameterIndex table, newest first: the job's executions with the
    /// parameter value (name and value given, with the job name), any job's executions with it (name and value
    /// without a job name), the job's executions (job name only), or all executions. The time range is part of the
    /// index lookup (row keys are inverted creation ticks); the job name, parameter and
    /// <see cref="JobExecutionQuery.Statuses"/> are checked on each loaded execution, because statuses change while
    /// index rows do not. So a page may need several index reads, and a page can be short only when it is the last.
    /// </para>
    /// <para>
    /// Pages hold <see cref="JobExecutionQuery.PageSize"/> executions (or the page size hint). A page's continuation
    /// token is an opaque string naming the last index row it consumed; passing it (as
    /// <see cref="JobExecutionQuery.ContinuationToken"/> or to <c>AsPages</c>) with the same query resumes right after
    /// that row, so executions created meanwhile never shift a page. The last page has a null token.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentException">Only one of parameter name and value is given, the page size is not 1–1,000, or the token is not one of ours.</exception>
    public AsyncPageable<JobExecution> FindJobExecutionsAsync(JobExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((query.ParameterName is null) != (query.ParameterValue is null))
        {
            throw new ArgumentException("A parameter query needs both ParameterName and ParameterValue.", nameof(query));
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"PageSize must be 1 to {MaxPageSize}; it is {query.PageSize}.", nameof(query));
        }

        _ = DecodeToken(query.ContinuationToken);
        return new TableJobRepositoryPageable<JobExecution>(
            (token, size, ct) => FindPagesAsync(query, token ?? query.ContinuationToken, Math.Clamp(size ?? query.PageSize, 1, MaxPageSize), ct),
            cancellationToken);
    }

    private async IAsyncEnumerable<Page<JobExecution>> FindPagesAsync(
        JobExecutionQuery query, string? continuationToken, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = DecodeToken(continuationToken);
        var filter = FindFilter(query, after);
        var pages = _index.QueryAsync<TableEntity>(filter, Math.Min(MaxPageSize, pageSize + 1), cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            var pending = new Queue<TableEntity>();
            var exhausted = false;
            Response? response = null;

            // Reads index rows until one is pending or the index is exhausted, so "more" is known before a page is returned.
            async Task<bool> HasRowAsync()
            {
                while (pending.Count == 0 && !exhausted)
                {
                    if (await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        response = pages.Current.GetRawResponse();
                        foreach (var row in pages.Current.Values)
                        {
                            pending.Enqueue(row);
                        }
                    }
                    else
                    {
                        exhausted = true;
                    }
                }

                return pending.Count > 0;
            }

            while (true)
            {
                var page = new List<JobExecution>(pageSize);
                while (page.Count < pageSize && await HasRowAsync().ConfigureAwait(false))
                {
                    var batch = new List<TableEntity>();
                    while (batch.Count < pageSize - page.Count && pending.Count > 0)
                    {
                        batch.Add(pending.Dequeue());
                    }

                    var loaded = await Task.WhenAll(batch.Select(row => LoadIndexedExecutionAsync(row, cancellationToken))).ConfigureAwait(false);
                    page.AddRange(loaded.OfType<JobExecution>().Where(e => Matches(e, query)));
                    after = batch[^1].RowKey;
                }

                var next = await HasRowAsync().ConfigureAwait(false) ? EncodeToken(after!) : null;
                yield return Page<JobExecution>.FromValues(page, next, response!);
                if (next is null)
                {
                    yield break;
                }
            }
        }
    }

    private static string FindFilter(JobExecutionQuery query, string? after)
    {
        var partition = (query.JobName, query.ParameterName, query.ParameterValue) switch
        {
            ({ } job, { } name, { } value) => IndexPartitions.ExecutionsOfJobWithParameter(job, name, value),
            (null, { } name, { } value) => IndexPartitions.ExecutionsWithParameter(name, value),
            ({ } job, _, _) => IndexPartitions.ExecutionsOfJob(job),
            _ => IndexPartitions.AllExecutions,
        };
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));
        if (after is not null)
        {
            filter.Append(TableClient.CreateQueryFilter($" and RowKey gt {after}"));
        }

        if (query.CreatedTo is { } to)
        {
            // Created at or before 'to' = inverted ticks at or after those of 'to'.
            filter.Append(TableClient.CreateQueryFilter($" and RowKey ge {InvertedTicks(to)}"));
        }

        if (query.CreatedFrom is { } from)
        {
            // Created at or after 'from' = inverted ticks at most those of 'from', i.e. row keys below the next tick's prefix.
            var bound = (DateTimeOffset.MaxValue.UtcTicks - from.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
            filter.Append(TableClient.CreateQueryFilter($" and RowKey lt {bound}"));
        }

        return filter.ToString();
    }

    private static bool Matches(JobExecution execution, JobExecutionQuery query) =>
        (query.JobName is null || execution.JobName == query.JobName)
        && (query.ParameterName is null
            || (execution.Parameters.Values.TryGetValue(query.ParameterName, out var parameter) && parameter.ToInvariantString() == query.ParameterValue))
        && (query.Statuses.Count == 0 || query.Statuses.Contains(execution.Status))
        && (query.CreatedFrom is null || execution.CreatedAt >= query.CreatedFrom)
        && (query.CreatedTo is null || execution.CreatedAt <= query.CreatedTo);

    private static string EncodeToken(string lastRowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenVersion + Separator + lastRowKey));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token was not produced by FindJobExecutionsAsync.", nameof(token), e);
        }

        return text.StartsWith(TokenVersion + Separator, StringComparison.Ordinal) && text.Length > 2
            ? text[2..]
            : throw new ArgumentException("The continuation token was not produced by FindJobExecutionsAsync.", nameof(token));
    }
}
