namespace Conveyor.Batch.Item;

/// <summary>
/// A reader or writer with state that survives restarts: opened with the saved context, asked to save its state at
/// each commit, closed at the end.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Spring Batch's name for the open/update/close contract.")]
public interface IItemStream
{
    /// <summary>Opens the stream, resuming from the state in <paramref name="executionContext"/> when present.</summary>
    /// <param name="executionContext">The saved state (empty on a first run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default);

    /// <summary>Saves the current state (position, counters) into <paramref name="executionContext"/>; called at every commit.</summary>
    /// <param name="executionContext">The context to write into.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default);

    /// <summary>Releases resources; for writers, finishes the output (for example commits a blob's block list).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task CloseAsync(CancellationToken cancellationToken = default);
}
