using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.TestWorker;

/// <summary>Prints partition ownership changes as "acquired|released|lost PARTITION TIMESTAMP" lines for the tests to check.</summary>
internal sealed class PartitionEventLogger : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var kind = eventId.Id switch
        {
            4 => "acquired",
            5 => "released",
            6 => "lost",
            _ => null,
        };
        if (kind is null || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        var partition = values.FirstOrDefault(v => v.Key == "Partition").Value;
        Console.Out.WriteLine($"{kind} {partition} {Stopwatch.GetTimestamp()}");
        Console.Out.Flush();
    }

    public void Dispose()
    {
    }
}
