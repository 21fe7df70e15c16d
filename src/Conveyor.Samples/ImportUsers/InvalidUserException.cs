namespace Conveyor.Samples.ImportUsers;

/// <summary>A record of the users CSV failed validation; the message says which field and why. The step skips the record.</summary>
public sealed class InvalidUserException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InvalidUserException"/> class.</summary>
    public InvalidUserException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidUserException"/> class.</summary>
    /// <param name="message">What is wrong with the record.</param>
    public InvalidUserException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidUserException"/> class.</summary>
    /// <param name="message">What is wrong with the record.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidUserException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
