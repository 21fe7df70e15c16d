namespace Conveyor.Samples.ImportUsers;

/// <summary>
/// A call to the external user service failed in a way that may pass: 408, 429, a 5xx, a timeout or a connection
/// failure. The step retries the call; when the retries run out, the step fails and a restart tries again.
/// </summary>
public sealed class ExternalUserServiceUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ExternalUserServiceUnavailableException"/> class.</summary>
    public ExternalUserServiceUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExternalUserServiceUnavailableException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public ExternalUserServiceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExternalUserServiceUnavailableException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ExternalUserServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
