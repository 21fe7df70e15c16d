namespace Conveyor.Samples;

/// <summary>Checks values used as table keys, so that a bad input value fails its record instead of the table write.</summary>
internal static class TableKeys
{
    /// <summary>Returns <paramref name="value"/> when it can be a partition or row key.</summary>
    /// <param name="value">The value.</param>
    /// <param name="what">What the value is, for the message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">It is empty, too long, or has '/', '\', '#', '?' or a control character.</exception>
    public static string Checked(string value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200 || value.AsSpan().IndexOfAny("/\\#?") >= 0 || value.Any(char.IsControl))
        {
            throw new FormatException($"The {what} '{value}' must be 1 to 200 characters without '/', '\\', '#', '?' or control characters.");
        }

        return value;
    }
}
