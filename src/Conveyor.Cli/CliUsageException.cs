namespace Conveyor.Cli;

/// <summary>The command line asks for something that cannot be done (unknown job, missing file, invalid parameters); exit code 2.</summary>
internal sealed class CliUsageException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class.</summary>
    /// <param name="message">What is wrong, as shown after <c>error:</c>.</param>
    /// <param name="details">Further lines, one per problem.</param>
    public CliUsageException(string message, IReadOnlyList<string>? details = null)
        : base(message) => Details = details ?? [];

    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class.</summary>
    public CliUsageException()
        : this("invalid command line")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CliUsageException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CliUsageException(string message, Exception innerException)
        : base(message, innerException) => Details = [];

    /// <summary>Gets further lines, one per problem.</summary>
    public IReadOnlyList<string> Details { get; }
}
