namespace Conveyor.Batch.Item;

/// <summary>Transforms or validates an item; returning <see langword="null"/> filters it out.</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public interface IItemProcessor<in TIn, TOut>
{
    /// <summary>Processes one item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The processed item, or <see langword="null"/> to filter it.</returns>
    ValueTask<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken = default);
}
