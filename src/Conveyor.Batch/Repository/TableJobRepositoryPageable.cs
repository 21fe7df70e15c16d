using Azure;

namespace Conveyor.Batch.Repository;

/// <summary>An <see cref="AsyncPageable{T}"/> whose pages come from a function of the continuation token and page size.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class TableJobRepositoryPageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly Func<string?, int?, CancellationToken, IAsyncEnumerable<Page<T>>> _pages;

    public TableJobRepositoryPageable(Func<string?, int?, CancellationToken, IAsyncEnumerable<Page<T>>> pages, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _pages = pages;
    }

    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        _pages(continuationToken, pageSizeHint, CancellationToken);
}
