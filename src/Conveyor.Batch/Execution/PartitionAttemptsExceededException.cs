namespace Conveyor.Batch.Execution;

/// <summary>
/// A partition's activity was started <see cref="BatchOptions.MaxPartitionAttempts"/> times in a row and no run reached a
/// checkpoint: the process running it ended each time. The partition, and with it the step, fails.
/// </summary>
public sealed class PartitionAttemptsExceededException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PartitionAttemptsExceededException"/> class.</summary>
    /// <param name="partitionName">The partition.</param>
    /// <param name="attempts">The runs that ended without a checkpoint.</param>
    public PartitionAttemptsExceededException(string partitionName, int attempts)
        : base($"Partition '{partitionName}' was started {attempts} times in a row and no run reached a checkpoint: the process running it ended each time " +
            "(an item that crashes or exhausts the worker?). A restart resumes from its last checkpoint.")
    {
        PartitionName = partitionName;
        Attempts = attempts;
    }

    /// <summary>Initializes a new instance of the <see cref="PartitionAttemptsExceededException"/> class.</summary>
    public PartitionAttemptsExceededException()
    {
        PartitionName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="PartitionAttemptsExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    public PartitionAttemptsExceededException(string message)
        : base(message)
    {
        PartitionName = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="PartitionAttemptsExceededException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PartitionAttemptsExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
        PartitionName = string.Empty;
    }

    /// <summary>Gets the partition.</summary>
    public string PartitionName { get; }

    /// <summary>Gets the runs that ended without a checkpoint.</summary>
    public int Attempts { get; }
}
