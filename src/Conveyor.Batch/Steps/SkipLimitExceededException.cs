namespace Conveyor.Batch.Steps;

/// <summary>More items failed than the step's skip limit allows; the step fails.</summary>
public sealed class SkipLimitExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SkipLimitExceededException"/> class.</summary>
    /// <param name="skipLimit">The limit.</param>
    /// <param name="cause">The failure that went over it.</param>
    public SkipLimitExceededException(int skipLimit, Exception cause)
        : base($"Skip limit of {skipLimit} exceeded: {cause?.Message}", cause)
    {
        SkipLimit = skipLimit;
    }

    /// <summary>Initializes a new instance of the <see cref="SkipLimitExceededException"/> class.</summary>
    /// <param name="skipLimit">The limit.</param>
    /// <param name="message">What went over it.</param>
    public SkipLimitExceededException(int skipLimit, string message)
        : base(message)
    {
        SkipLimit = skipLimit;
    }

    /// <summary>Initializes a new instance of the <see cref="SkipLimitExceededException"/> class.</summary>
    public SkipLimitExceededException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SkipLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    public SkipLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SkipLimitExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SkipLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the skip limit.</summary>
    public int SkipLimit { get; }
}
