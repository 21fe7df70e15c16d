namespace Conveyor.Cli.Remote;

/// <summary>The app could not be reached at all (connection refused, unknown host, TLS failure).</summary>
internal sealed class ConveyorUnreachableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ConveyorUnreachableException"/> class.</summary>
    /// <param name="baseAddress">The URL that was tried.</param>
    /// <param name="innerException">The cause.</param>
    public ConveyorUnreachableException(Uri baseAddress, Exception innerException)
        : base($"cannot reach the Conveyor app at {baseAddress}: {innerException?.Message}", innerException) => BaseAddress = baseAddress;

    /// <summary>Initializes a new instance of the <see cref="ConveyorUnreachableException"/> class.</summary>
    public ConveyorUnreachableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConveyorUnreachableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ConveyorUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConveyorUnreachableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConveyorUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the URL that was tried.</summary>
    public Uri? BaseAddress { get; }
}
