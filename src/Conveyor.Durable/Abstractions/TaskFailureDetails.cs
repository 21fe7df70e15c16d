namespace Conveyor.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration: type, message, stack and cause.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when there was one.</param>
/// <param name="InnerFailure">The cause, when there was one.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception, its stack and its inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The details.</returns>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is { } inner ? FromException(inner) : null);
    }

    /// <summary>Returns whether the failure (or a cause) is of the given exception type.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <returns><see langword="true"/> when the type name matches this failure or one of its causes.</returns>
    public bool IsCausedBy<TException>()
        where TException : Exception =>
        ErrorType == typeof(TException).FullName || (InnerFailure?.IsCausedBy<TException>() ?? false);

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
