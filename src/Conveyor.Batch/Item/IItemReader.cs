namespace Conveyor.Batch.Item;

/// <summary>Reads items one at a time; the end of input is signalled by returning no item.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// Spring Batch's <c>ItemReader.read()</c>: a reader that also implements <see cref="IItemStream"/> saves its position
/// at each commit and resumes from it on restart.
/// </remarks>
public interface IItemReader<T>
{
    /// <summary>Reads the next item.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The item, or <see cref="ReadResult.End{T}"/> at the end of input.</returns>
    ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default);
}
