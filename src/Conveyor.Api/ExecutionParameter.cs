using Conveyor.Batch.Core;

namespace Conveyor.Api;

/// <summary>A job parameter as the API shows it.</summary>
/// <param name="Value">The value: a string, a number, or ISO-8601 text for a date.</param>
/// <param name="Type">string, long, double or date.</param>
/// <param name="Identifying">Whether it is part of the job instance's identity.</param>
public sealed record ExecutionParameter(object Value, string Type, bool Identifying)
{
    /// <summary>Returns the view of a parameter.</summary>
    public static ExecutionParameter Of(JobParameter parameter) => new(
        parameter.Value is DateTimeOffset or DateTime ? parameter.ToInvariantString() : parameter.Value,
        parameter.TypeName,
        parameter.Identifying);
}
