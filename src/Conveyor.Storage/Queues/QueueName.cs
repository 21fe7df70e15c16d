namespace Conveyor.Storage.Queues;

/// <summary>The service's rules for queue names, checked before any request is made.</summary>
internal static class QueueName
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule that <paramref name="name"/> breaks.</summary>
    public static void Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        var problem = Check(name);
        if (problem is not null)
        {
            throw new ArgumentException($"'{Printable(name)}' is not a valid queue name: {problem}.", parameterName);
        }
    }

    private static string? Check(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return $"a queue name must be 3 to 63 characters long (it has {name.Length})";
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return c is >= 'A' and <= 'Z'
                    ? "a queue name must be lower case"
                    : "a queue name may contain only lower-case letters, digits and hyphens";
            }
        }

        if (name[0] == '-' || name[^1] == '-')
        {
            return "a queue name must start and end with a letter or a digit";
        }

        return name.Contains("--", StringComparison.Ordinal)
            ? "a queue name must not contain consecutive hyphens"
            : null;
    }

    private static string Printable(string name) => name.Length <= 70 ? name : name[..70] + "…";
}
