using Conveyor.Batch.Jobs;

namespace Conveyor.Api;

/// <summary>A registered job as <c>GET /api/jobs</c> shows it.</summary>
/// <param name="Name">The job name.</param>
/// <param name="Steps">Its steps, first one first.</param>
/// <param name="RequiredParameters">Parameters every start must give.</param>
/// <param name="OptionalParameters">Parameters a start may give (empty: any).</param>
/// <param name="ParameterTypes">The declared type (string, long, double, date) of parameters that have one.</param>
/// <param name="Input">Where its input files live, if it declares them.</param>
/// <param name="Restartable">Whether a failed or stopped execution may be restarted.</param>
public sealed record JobSummary(
    string Name,
    IReadOnlyList<string> Steps,
    IReadOnlyCollection<string> RequiredParameters,
    IReadOnlyCollection<string> OptionalParameters,
    IReadOnlyDictionary<string, string> ParameterTypes,
    JobInput? Input,
    bool Restartable)
{
    /// <summary>Returns the summary of a job.</summary>
    /// <param name="job">The job.</param>
    /// <returns>The summary.</returns>
    public static JobSummary Of(JobDefinition job) => new(
        job.Name,
        [.. job.Steps.Select(s => s.Name)],
        job.Validator?.Required ?? [],
        job.Validator?.Optional ?? [],
        job.Validator?.Types ?? new Dictionary<string, string>(),
        job.Input,
        job.Restartable);
}
