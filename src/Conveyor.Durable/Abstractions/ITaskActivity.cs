namespace Conveyor.Durable;

/// <summary>An activity as the runtime sees it: untyped input and output.</summary>
public interface ITaskActivity
{
    /// <summary>Gets the input type.</summary>
    Type InputType { get; }

    /// <summary>Gets the output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    /// <param name="context">The activity context.</param>
    /// <param name="input">The deserialized input.</param>
    /// <returns>The output.</returns>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
