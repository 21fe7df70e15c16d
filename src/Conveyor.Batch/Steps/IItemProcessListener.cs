namespace Conveyor.Batch.Steps;

/// <summary>Callbacks around each process call of a chunk step. Every method has an empty default.</summary>
/// <typeparam name="TIn">What the processor takes.</typeparam>
/// <typeparam name="TOut">What the processor returns.</typeparam>
/// <remarks>Called for steps without a processor too: items pass through, and the result is the item itself.</remarks>
public interface IItemProcessListener<in TIn, in TOut> : IStepListener
{
    /// <summary>Before an item is processed.</summary>
    /// <param name="item">The item.</param>
    /// <returns>A task.</returns>
    ValueTask BeforeProcessAsync(TIn item) => default;

    /// <summary>After an item was processed.</summary>
    /// <param name="item">The item.</param>
    /// <param name="result">The result; null when the processor filtered the item out.</param>
    /// <returns>A task.</returns>
    ValueTask AfterProcessAsync(TIn item, TOut? result) => default;

    /// <summary>Processing an item failed (after retries, before the skip decision).</summary>
    /// <param name="item">The item.</param>
    /// <param name="exception">The error.</param>
    /// <returns>A task.</returns>
    ValueTask OnProcessErrorAsync(TIn item, Exception exception) => default;
}
