using Conveyor.Batch.Item;

namespace Conveyor.Batch.Steps;

/// <summary>Callbacks around each chunk write of a chunk step. Every method has an empty default.</summary>
/// <typeparam name="T">What the writer takes.</typeparam>
/// <remarks>
/// When a write fails with a skippable error, the chunk is scanned item by item: <see cref="OnWriteErrorAsync"/> runs
/// for the failed chunk and again for each item the writer rejects; the final write of the remaining items is again
/// framed by <see cref="BeforeWriteAsync"/> and <see cref="AfterWriteAsync"/>. The single-item probe writes of the scan
/// are not reported.
/// </remarks>
public interface IItemWriteListener<T> : IStepListener
{
    /// <summary>Before a chunk is written.</summary>
    /// <param name="items">The chunk.</param>
    /// <returns>A task.</returns>
    ValueTask BeforeWriteAsync(Chunk<T> items) => default;

    /// <summary>After a chunk was written (before it is committed).</summary>
    /// <param name="items">The chunk.</param>
    /// <returns>A task.</returns>
    ValueTask AfterWriteAsync(Chunk<T> items) => default;

    /// <summary>Writing failed (after retries, before the skip decision).</summary>
    /// <param name="exception">The error.</param>
    /// <param name="items">The chunk, or the single item, that failed.</param>
    /// <returns>A task.</returns>
    ValueTask OnWriteErrorAsync(Exception exception, Chunk<T> items) => default;
}
