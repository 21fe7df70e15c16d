using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Samples;

/// <summary>A writer that first makes sure its destination exists (a container or table, created if missing) when the step opens.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="writer">The writer that does the writing.</param>
/// <param name="provision">Creates the destination if it does not exist; idempotent.</param>
internal sealed class ProvisionedItemWriter<T>(IItemWriter<T> writer, Func<CancellationToken, Task> provision) : IItemWriter<T>, IItemStream
{
    public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        await provision(cancellationToken).ConfigureAwait(false);
        if (writer is IItemStream stream)
        {
            await stream.OpenAsync(executionContext, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default) => writer.WriteAsync(chunk, cancellationToken);

    public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default) =>
        writer is IItemStream stream ? stream.UpdateAsync(executionContext, cancellationToken) : Task.CompletedTask;

    public Task CloseAsync(CancellationToken cancellationToken = default) =>
        writer is IItemStream stream ? stream.CloseAsync(cancellationToken) : Task.CompletedTask;
}
