using Conveyor.Batch.Item;

namespace Conveyor.Batch.IO.Memory;

/// <summary>Keeps written chunks in memory, for tests.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Idempotent like the storage writers: writing a chunk with the same <see cref="Chunk{T}.Sequence"/> again replaces it.</remarks>
public sealed class InMemoryItemWriter<T> : IItemWriter<T>
{
    private readonly SortedDictionary<long, IReadOnlyList<T>> _chunks = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the number of <see cref="WriteAsync"/> calls, repeated chunks included.</summary>
    public int WriteCount { get; private set; }

    /// <summary>Gets the items of all chunks, in chunk-sequence order.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _chunks.Values.SelectMany(c => c)];
            }
        }
    }

    /// <summary>Gets the chunks by sequence.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<T>> Chunks
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<long, IReadOnlyList<T>>(_chunks);
            }
        }
    }

    /// <inheritdoc/>
    public Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        lock (_lock)
        {
            _chunks[chunk.Sequence] = [.. chunk];
            WriteCount++;
        }

        return Task.CompletedTask;
    }
}
