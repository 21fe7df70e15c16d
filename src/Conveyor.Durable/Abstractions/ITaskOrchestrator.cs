namespace Conveyor.Durable;

/// <summary>An orchestrator as the runtime sees it: untyped input and output.</summary>
public interface ITaskOrchestrator
{
    /// <summary>Gets the input type.</summary>
    Type InputType { get; }

    /// <summary>Gets the output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs (or replays) the orchestration.</summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
