using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>
/// Checks job parameters before a job starts: required keys present, no unknown keys when optional ones are listed,
/// and declared types respected.
/// </summary>
/// <param name="Required">Keys that must be present.</param>
/// <param name="Optional">Keys that may be present; when empty, any extra key is allowed.</param>
public sealed record JobParametersValidator(IReadOnlyCollection<string> Required, IReadOnlyCollection<string> Optional)
{
    private static readonly string[] TypeNames = ["string", "long", "double", "date"];

    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the declared type of parameters by name: <c>string</c>, <c>long</c>, <c>double</c> or <c>date</c>
    /// (see <see cref="JobParameter.TypeName"/>). A parameter given with another type is refused; parameters without a
    /// declaration may have any type. Default: none declared.
    /// </summary>
    /// <exception cref="ArgumentException">A declared type is not one of the four.</exception>
    public IReadOnlyDictionary<string, string> Types
    {
        get => _types;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.FirstOrDefault(t => !TypeNames.Contains(t.Value, StringComparer.Ordinal)) is { Key: not null } bad)
            {
                throw new ArgumentException($"The parameter '{bad.Key}' is declared with the unknown type '{bad.Value}'; expected string, long, double or date.", nameof(value));
            }

            _types = new Dictionary<string, string>(value, StringComparer.Ordinal);
        }
    }

    /// <summary>Returns every problem with the parameters (empty when valid).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>One message per problem, each starting with <c>The parameter '&lt;name&gt;'</c>.</returns>
    public IReadOnlyList<string> Validate(JobParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = Required.Where(k => !parameters.Values.ContainsKey(k)).Select(k => $"The parameter '{k}' is required.").ToList();
        if (Optional.Count > 0)
        {
            problems.AddRange(parameters.Values.Keys.Where(k => !Required.Contains(k) && !Optional.Contains(k))
                .Select(k => $"The parameter '{k}' is not known to this job."));
        }

        foreach (var (name, parameter) in parameters.Values)
        {
            if (_types.TryGetValue(name, out var type) && parameter.TypeName != type)
            {
                problems.Add($"The parameter '{name}' must be a {type}; it is a {parameter.TypeName}.");
            }
        }

        return problems;
    }
}
