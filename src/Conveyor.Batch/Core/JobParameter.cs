using System.Globalization;

namespace Conveyor.Batch.Core;

/// <summary>A typed job parameter: string, long, double or date; identifying (part of the JobInstance identity) or not.</summary>
/// <param name="Value">The value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="DateTimeOffset"/>.</param>
/// <param name="Identifying">Whether it identifies the JobInstance. Default true.</param>
public sealed record JobParameter(object Value, bool Identifying = true)
{
    /// <summary>Gets the type name: string, long, double or date.</summary>
    public string TypeName => Value switch
    {
        string => "string",
        long or int => "long",
        double or float => "double",
        DateTimeOffset or DateTime => "date",
        _ => throw new InvalidOperationException($"Unsupported job parameter type {Value.GetType().Name}."),
    };

    /// <summary>Returns the value as invariant text (dates in round-trip format).</summary>
    /// <returns>The text.</returns>
    public string ToInvariantString() => Value switch
    {
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };

    /// <summary>Parses a value of a type name back.</summary>
    /// <param name="typeName">string, long, double or date.</param>
    /// <param name="text">The invariant text.</param>
    /// <param name="identifying">Whether it identifies the instance.</param>
    /// <returns>The parameter.</returns>
    public static JobParameter Parse(string typeName, string text, bool identifying = true) => typeName switch
    {
        "string" => new JobParameter(text, identifying),
        "long" => new JobParameter(long.Parse(text, CultureInfo.InvariantCulture), identifying),
        "double" => new JobParameter(double.Parse(text, CultureInfo.InvariantCulture), identifying),
        "date" => new JobParameter(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture), identifying),
        _ => throw new FormatException($"Unknown job parameter type '{typeName}'; expected string, long, double or date."),
    };
}
