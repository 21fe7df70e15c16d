namespace Conveyor.Durable.TaskHub;

/// <summary>Another writer appended to the same execution's history first; reload and try again.</summary>
internal sealed class HistoryConflictException : Exception
{
    public HistoryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HistoryConflictException()
    {
    }

    public HistoryConflictException(string message)
        : base(message)
    {
    }
}
