namespace Conveyor.Durable;

/// <summary>Base class of activities: override <see cref="RunAsync(TaskActivityContext, TInput)"/>.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
/// <remarks>
/// Activities do the real work (I/O, computation). They run at least once per scheduling: a worker that dies
/// after finishing but before recording the result runs it again elsewhere, so make them idempotent.
/// </remarks>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The activity context.</param>
    /// <param name="input">The input.</param>
    /// <returns>The output.</returns>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is TInput typed ? typed : default!).ConfigureAwait(false);
}
