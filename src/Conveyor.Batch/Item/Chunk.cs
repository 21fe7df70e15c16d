using System.Collections;

namespace Conveyor.Batch.Item;

/// <summary>The items of one chunk, with the chunk's sequence number within its partition.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Chunk<T> : IReadOnlyList<T>
{
    private readonly List<T> _items;

    /// <summary>Initializes a new instance of the <see cref="Chunk{T}"/> class.</summary>
    /// <param name="sequence">The chunk's number (0 for the first chunk of a partition); stable across restarts.</param>
    /// <param name="items">The items.</param>
    public Chunk(long sequence, IEnumerable<T> items)
    {
        Sequence = sequence;
        _items = [.. items];
    }

    /// <summary>Gets the chunk's number within its partition, the same when the chunk is written again after a restart.</summary>
    public long Sequence { get; }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
