namespace Conveyor.Batch.Steps;

/// <summary>A listener callback threw; the step (or job) it listens to fails. <see cref="Callback"/> names the callback.</summary>
/// <remarks>Never skipped or retried by a fault-tolerant step, whatever its skippable types.</remarks>
public sealed class ListenerFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ListenerFailedException"/> class.</summary>
    /// <param name="callback">The callback that threw, such as <c>AfterRead</c> or <c>BeforeJob</c>.</param>
    /// <param name="innerException">What it threw.</param>
    public ListenerFailedException(string callback, Exception innerException)
        : base($"Listener callback {callback} failed: {innerException?.Message}", innerException)
    {
        Callback = callback;
    }

    /// <summary>Initializes a new instance of the <see cref="ListenerFailedException"/> class.</summary>
    public ListenerFailedException()
    {
        Callback = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="ListenerFailedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ListenerFailedException(string message)
        : base(message)
    {
        Callback = string.Empty;
    }

    /// <summary>Gets the callback that threw.</summary>
    public string Callback { get; }
}
