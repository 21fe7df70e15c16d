using System.Security.Cryptography;
using System.Text;

namespace Conveyor.Batch.Core;

/// <summary>The parameters of a job execution, by name.</summary>
/// <remarks>The identifying parameters, with the job name, make the JobInstance identity (<see cref="ToIdentityKey"/>).</remarks>
public sealed class JobParameters
{
    private readonly SortedDictionary<string, JobParameter> _parameters;

    /// <summary>Initializes a new instance of the <see cref="JobParameters"/> class.</summary>
    /// <param name="parameters">The parameters.</param>
    public JobParameters(IEnumerable<KeyValuePair<string, JobParameter>>? parameters = null) =>
        _parameters = new SortedDictionary<string, JobParameter>(parameters?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [], StringComparer.Ordinal);

    /// <summary>Gets the parameters.</summary>
    public IReadOnlyDictionary<string, JobParameter> Values => _parameters;

    /// <summary>Gets a value indicating whether there are no parameters.</summary>
    public bool IsEmpty => _parameters.Count == 0;

    /// <summary>Returns a parameter's value as a string, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public string? GetString(string name) => _parameters.TryGetValue(name, out var p) ? p.ToInvariantString() : null;

    /// <summary>Returns a parameter's value as a long, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public long? GetLong(string name) => _parameters.TryGetValue(name, out var p) ? Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Returns a copy with one parameter added or replaced.</summary>
    /// <param name="name">The name.</param>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The new parameters.</returns>
    public JobParameters With(string name, JobParameter parameter)
    {
        var copy = new Dictionary<string, JobParameter>(_parameters, StringComparer.Ordinal) { [name] = parameter };
        return new JobParameters(copy);
    }

    /// <summary>Returns a stable key of the identifying parameters (a SHA-256 of their names, types and values).</summary>
    /// <returns>A 32-character hex key; the same for equal identifying parameters in any order.</returns>
    public string ToIdentityKey()
    {
        var text = new StringBuilder();
        foreach (var (name, parameter) in _parameters.Where(p => p.Value.Identifying))
        {
            text.Append(name).Append('=').Append(parameter.TypeName).Append(':').Append(parameter.ToInvariantString()).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
