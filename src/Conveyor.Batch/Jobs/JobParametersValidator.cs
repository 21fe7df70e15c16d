using Conveyor.Batch.Core;

namespace Conveyor.Batch.Jobs;

/// <summary>Checks job parameters before a job starts: required keys present, no unknown keys when optional ones are listed.</summary>
/// <param name="Required">Keys that must be present.</param>
/// <param name="Optional">Keys that may be present; when empty, any extra key is allowed.</param>
public sealed record JobParametersValidator(IReadOnlyCollection<string> Required, IReadOnlyCollection<string> Optional)
{
    /// <summary>Returns every problem with the parameters (empty when valid).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>One message per problem, naming the parameter.</returns>
    public IReadOnlyList<string> Validate(JobParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = Required.Where(k => !parameters.Values.ContainsKey(k)).Select(k => $"The parameter '{k}' is required.").ToList();
        if (Optional.Count > 0)
        {
            problems.AddRange(parameters.Values.Keys.Where(k => !Required.Contains(k) && !Optional.Contains(k))
                .Select(k => $"The parameter '{k}' is not known to this job."));
        }

        return problems;
    }
}
