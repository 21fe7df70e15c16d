namespace Conveyor.Batch.Item;

/// <summary>Writes a chunk of items.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// A chunk may be written again after a crash (the commit that follows the write did not happen), so writers must
/// make a repeated write of the same chunk harmless: deterministic block ids, upserts by key.
/// </remarks>
public interface IItemWriter<T>
{
    /// <summary>Writes the chunk.</summary>
    /// <param name="chunk">The items.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default);
}
