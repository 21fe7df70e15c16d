namespace Conveyor.Batch.Repository;

/// <summary>The stored record changed since it was read; read it again.</summary>
public sealed class JobRepositoryConcurrencyException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="JobRepositoryConcurrencyException"/> class.</summary>
    public JobRepositoryConcurrencyException()
        : base("The stored record changed since it was read; read it again.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobRepositoryConcurrencyException"/> class.</summary>
    /// <param name="message">The message, naming the instance or execution.</param>
    public JobRepositoryConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JobRepositoryConcurrencyException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobRepositoryConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
