using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>Callbacks for items a fault-tolerant chunk step skipped. Every method has an empty default.</summary>
/// <typeparam name="TIn">What the reader produces.</typeparam>
/// <typeparam name="TOut">What the writer takes.</typeparam>
/// <remarks>
/// As in Spring Batch, skip callbacks run when the chunk that skipped the item commits (before its checkpoint is
/// saved), not when the error happens, so a chunk that is rolled back reports nothing; each call carries the
/// <see cref="SkippedItem"/> recorded in the repository (line number, reason, raw record).
/// </remarks>
public interface ISkipListener<in TIn, in TOut> : IStepListener
{
    /// <summary>A record could not be read and was skipped.</summary>
    /// <param name="exception">The read error.</param>
    /// <param name="skipped">The skip as recorded (line, reason, raw record).</param>
    /// <returns>A task.</returns>
    ValueTask OnSkipInReadAsync(Exception exception, SkippedItem skipped) => default;

    /// <summary>An item failed processing and was skipped.</summary>
    /// <param name="item">The item.</param>
    /// <param name="exception">The error.</param>
    /// <param name="skipped">The skip as recorded.</param>
    /// <returns>A task.</returns>
    ValueTask OnSkipInProcessAsync(TIn item, Exception exception, SkippedItem skipped) => default;

    /// <summary>The writer rejected an item and it was skipped.</summary>
    /// <param name="item">The item.</param>
    /// <param name="exception">The error.</param>
    /// <param name="skipped">The skip as recorded.</param>
    /// <returns>A task.</returns>
    ValueTask OnSkipInWriteAsync(TOut item, Exception exception, SkippedItem skipped) => default;
}
