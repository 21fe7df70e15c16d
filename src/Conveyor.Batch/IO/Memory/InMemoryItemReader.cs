using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Memory;

/// <summary>Reads items from a list, for tests and small inputs.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Restart: <see cref="UpdateAsync"/> saves the index of the next item under <c>{name}.index</c>; <see cref="OpenAsync"/> resumes there.</remarks>
public sealed class InMemoryItemReader<T> : IItemReader<T>, IItemStream
{
    private readonly IReadOnlyList<T> _items;
    private readonly string _key;
    private int _index;

    /// <summary>Initializes a new instance of the <see cref="InMemoryItemReader{T}"/> class.</summary>
    /// <param name="items">The items, copied.</param>
    /// <param name="name">The prefix of the execution-context key.</param>
    public InMemoryItemReader(IEnumerable<T> items, string name = "inMemoryItemReader")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _items = [.. items];
        _key = name + ".index";
    }

    /// <summary>Gets the index of the next item.</summary>
    public int Index => _index;

    /// <inheritdoc/>
    public ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_index < _items.Count ? ReadResult.Of(_items[_index++], _index) : ReadResult.End<T>());
    }

    /// <inheritdoc/>
    public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        _index = executionContext.Get(_key, 0);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        executionContext.Put(_key, _index);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
