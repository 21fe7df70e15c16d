using System.Runtime.CompilerServices;
using Azure;

namespace Conveyor.Storage.Pipeline;

/// <summary>An <see cref="AsyncPageable{T}"/> over a service listing that pages by continuation token.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class ContinuationPageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, ValueTask<Page<T>>> _fetchPage;

    public ContinuationPageable(Func<string?, int?, CancellationToken, ValueTask<Page<T>>> fetchPage, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _fetchPage = fetchPage;
    }

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        await foreach (var page in Pages(continuationToken, pageSizeHint, CancellationToken).ConfigureAwait(false))
        {
            yield return page;
        }
    }

    private async IAsyncEnumerable<Page<T>> Pages(
        string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await _fetchPage(continuationToken, pageSizeHint, cancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
