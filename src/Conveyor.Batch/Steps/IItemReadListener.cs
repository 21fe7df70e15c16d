namespace Conveyor.Batch.Steps;

/// <summary>Callbacks around each read of a chunk step. Every method has an empty default.</summary>
/// <typeparam name="T">What the reader produces.</typeparam>
public interface IItemReadListener<in T> : IStepListener
{
    /// <summary>Before each read (including the read that finds the end of the input).</summary>
    /// <returns>A task.</returns>
    ValueTask BeforeReadAsync() => default;

    /// <summary>After an item was read.</summary>
    /// <param name="item">The item.</param>
    /// <returns>A task.</returns>
    ValueTask AfterReadAsync(T item) => default;

    /// <summary>A read failed (before the skip decision).</summary>
    /// <param name="exception">The error; an <see cref="Item.ItemReaderException"/> names the line of a malformed record.</param>
    /// <returns>A task.</returns>
    ValueTask OnReadErrorAsync(Exception exception) => default;
}
