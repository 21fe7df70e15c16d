using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>Adds or increments an identifying long parameter, <c>run.id</c> by default: 1 for the first instance, then 2, 3, …</summary>
/// <param name="key">The parameter's name.</param>
public sealed class RunIdIncrementer(string key = RunIdIncrementer.DefaultKey) : IJobParametersIncrementer
{
    /// <summary>The default parameter name, <c>run.id</c>.</summary>
    public const string DefaultKey = "run.id";

    /// <summary>Gets the parameter's name.</summary>
    public string Key { get; } = string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("The run id parameter needs a name.", nameof(key)) : key;

    /// <inheritdoc/>
    public JobParameters GetNext(JobParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.With(Key, new JobParameter((parameters.GetLong(Key) ?? 0) + 1));
    }
}
