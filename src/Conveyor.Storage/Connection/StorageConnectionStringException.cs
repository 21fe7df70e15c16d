namespace Conveyor.Storage.Connection;

/// <summary>
/// Thrown when a storage connection string cannot be parsed or is incomplete.
/// </summary>
/// <remarks>
/// The message names the offending part (a setting's name, never its value), so the exception can be
/// logged without leaking an account key or a shared access signature.
/// </remarks>
public sealed class StorageConnectionStringException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="StorageConnectionStringException"/> class.</summary>
    /// <param name="message">A message that names the bad part of the connection string.</param>
    public StorageConnectionStringException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StorageConnectionStringException"/> class.</summary>
    public StorageConnectionStringException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StorageConnectionStringException"/> class.</summary>
    /// <param name="message">A message that names the bad part of the connection string.</param>
    /// <param name="innerException">The cause.</param>
    public StorageConnectionStringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
