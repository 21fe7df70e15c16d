namespace Conveyor.Samples.ImportUsers;

/// <summary>The external user service refused a user for good (a 4xx other than 408 and 429); the step skips the user.</summary>
public sealed class ExternalUserRejectedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ExternalUserRejectedException"/> class.</summary>
    public ExternalUserRejectedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExternalUserRejectedException"/> class.</summary>
    /// <param name="message">The status and the service's reason.</param>
    public ExternalUserRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExternalUserRejectedException"/> class.</summary>
    /// <param name="message">The status and the service's reason.</param>
    /// <param name="innerException">The cause.</param>
    public ExternalUserRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ExternalUserRejectedException"/> class.</summary>
    /// <param name="statusCode">The HTTP status the service answered.</param>
    /// <param name="message">The status and the service's reason.</param>
    public ExternalUserRejectedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status the service answered (0 when not known).</summary>
    public int StatusCode { get; }
}
