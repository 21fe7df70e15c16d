using System.Runtime.ExceptionServices;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO;

/// <summary>Writes each chunk to several writers, in order; forwards the stream calls to those that are streams.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// Not atomic across writers: if a later writer fails, the earlier ones have written the chunk. That is safe because the
/// chunk is written again on retry or restart and every writer must make a repeated write harmless.
/// Writers that share one execution context need distinct names (key prefixes).
/// </remarks>
public sealed class CompositeItemWriter<T> : IItemWriter<T>, IItemStream
{
    private readonly IReadOnlyList<IItemWriter<T>> _writers;

    /// <summary>Initializes a new instance of the <see cref="CompositeItemWriter{T}"/> class.</summary>
    /// <param name="writers">The writers, in the order they write.</param>
    public CompositeItemWriter(params IEnumerable<IItemWriter<T>> writers)
    {
        ArgumentNullException.ThrowIfNull(writers);
        _writers = [.. writers];
        if (_writers.Count == 0 || _writers.Any(w => w is null))
        {
            throw new ArgumentException("A composite writer needs at least one writer and no null ones.", nameof(writers));
        }
    }

    /// <summary>Gets the writers.</summary>
    public IReadOnlyList<IItemWriter<T>> Writers => _writers;

    /// <inheritdoc/>
    public async Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default)
    {
        foreach (var writer in _writers)
        {
            await writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        foreach (var stream in _writers.OfType<IItemStream>())
        {
            await stream.OpenAsync(executionContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        foreach (var stream in _writers.OfType<IItemStream>())
        {
            await stream.UpdateAsync(executionContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        List<Exception>? failures = null;
        foreach (var stream in _writers.OfType<IItemStream>())
        {
            try
            {
                await stream.CloseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                (failures ??= []).Add(exception);
            }
        }

        if (failures is not null)
        {
            if (failures.Count == 1)
            {
                ExceptionDispatchInfo.Throw(failures[0]);
            }

            throw new AggregateException("Closing the writers failed.", failures);
        }
    }
}
