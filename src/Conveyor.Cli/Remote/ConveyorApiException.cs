using System.Net;

namespace Conveyor.Cli.Remote;

/// <summary>The app answered with an error status; carries its problem details when it sent them.</summary>
internal sealed class ConveyorApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConveyorApiException"/> class.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="problem">The problem details, or null when the body was not problem details.</param>
    /// <param name="request">The request's method and path, for messages.</param>
    public ConveyorApiException(HttpStatusCode status, ProblemReport? problem, string request)
        : base($"{(problem?.Title is { Length: > 0 } title ? title : status.ToString())}: {problem?.Detail ?? $"HTTP {(int)status} from {request}"}")
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>Initializes a new instance of the <see cref="ConveyorApiException"/> class.</summary>
    public ConveyorApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConveyorApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConveyorApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConveyorApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConveyorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Gets the problem details, if any.</summary>
    public ProblemReport? Problem { get; }
}
