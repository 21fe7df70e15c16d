namespace Conveyor.Batch.Item;

/// <summary>What a read produced: an item, or the end of input.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly record struct ReadResult<T>
{
    internal ReadResult(T item, bool hasItem, long? lineNumber)
    {
        Item = item;
        HasItem = hasItem;
        LineNumber = lineNumber;
    }

    /// <summary>Gets the item (default at the end).</summary>
    public T Item { get; }

    /// <summary>Gets a value indicating whether an item was read.</summary>
    public bool HasItem { get; }

    /// <summary>Gets the line the item started on in its source file, when the reader knows it.</summary>
    public long? LineNumber { get; }
}

/// <summary>Creates <see cref="ReadResult{T}"/> values.</summary>
public static class ReadResult
{
    /// <summary>Wraps an item.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="item">The item.</param>
    /// <param name="lineNumber">Its line number, when known.</param>
    /// <returns>The result.</returns>
    public static ReadResult<T> Of<T>(T item, long? lineNumber = null) => new(item, true, lineNumber);

    /// <summary>The end of input.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <returns>The result.</returns>
    public static ReadResult<T> End<T>() => default;
}
