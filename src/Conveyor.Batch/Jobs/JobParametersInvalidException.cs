namespace Conveyor.Batch.Jobs;

/// <summary>Job parameters failed validation; <see cref="Problems"/> names each missing or unknown parameter.</summary>
public sealed class JobParametersInvalidException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="JobParametersInvalidException"/> class.</summary>
    /// <param name="problems">One message per problem.</param>
    public JobParametersInvalidException(IReadOnlyList<string> problems)
        : base("Invalid job parameters: " + string.Join(" ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Initializes a new instance of the <see cref="JobParametersInvalidException"/> class.</summary>
    public JobParametersInvalidException()
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="JobParametersInvalidException"/> class.</summary>
    /// <param name="message">The message.</param>
    public JobParametersInvalidException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Initializes a new instance of the <see cref="JobParametersInvalidException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobParametersInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Gets the problems, one per parameter.</summary>
    public IReadOnlyList<string> Problems { get; }
}
