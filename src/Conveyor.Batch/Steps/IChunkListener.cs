using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>Callbacks around chunks (and tasklet iterations), item errors and skips. Every method has an empty default.</summary>
/// <remarks>
/// <see cref="BeforeChunkAsync"/> runs in registration order, <see cref="AfterChunkAsync"/> in reverse registration
/// order. <see cref="OnSkipAsync"/> and <see cref="OnErrorAsync"/> run at once, when the error happens (for typed
/// callbacks at commit time, see <see cref="ISkipListener{TIn, TOut}"/>). A tasklet step calls the chunk callbacks
/// around each <see cref="ITasklet.ExecuteAsync"/>.
/// </remarks>
public interface IChunkListener : IStepListener
{
    /// <summary>Before a chunk is read.</summary>
    /// <param name="execution">The partition's step execution.</param>
    /// <returns>A task.</returns>
    Task BeforeChunkAsync(StepExecution execution) => Task.CompletedTask;

    /// <summary>After a chunk was read, processed and written; its output is made durable at the next checkpoint.</summary>
    /// <param name="execution">The partition's step execution.</param>
    /// <returns>A task.</returns>
    Task AfterChunkAsync(StepExecution execution) => Task.CompletedTask;

    /// <summary>An item was skipped (in read, process or write).</summary>
    /// <param name="skipped">The skip.</param>
    /// <returns>A task.</returns>
    Task OnSkipAsync(SkippedItem skipped) => Task.CompletedTask;

    /// <summary>An item failed in read, process or write (before any skip or retry decision).</summary>
    /// <param name="phase">read, process or write.</param>
    /// <param name="exception">The error.</param>
    /// <returns>A task.</returns>
    Task OnErrorAsync(string phase, Exception exception) => Task.CompletedTask;
}
