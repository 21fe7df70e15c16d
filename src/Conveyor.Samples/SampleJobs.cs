using Conveyor.Batch.Jobs;
using Conveyor.Samples.Football;
using Conveyor.Samples.ImportUsers;
using Conveyor.Samples.TransformCsv;

namespace Conveyor.Samples;

/// <summary>Registers the sample jobs: <c>importUsers</c>, <c>football</c> and <c>transformCsv</c>.</summary>
/// <remarks>
/// The jobs are small, complete examples of Conveyor jobs, one folder each: <see cref="ImportUsersJob"/> (CSV upload →
/// validated local users in a table → an external HTTP service with retry and skip → a result CSV),
/// <see cref="FootballJob"/> (Spring Batch's football sample: three steps, two tables, a summary CSV) and
/// <see cref="TransformCsvJob"/> (one large CSV cut into byte ranges, transformed in parallel partitions).
/// </remarks>
public static class SampleJobs
{
    /// <summary>Adds the three sample jobs to <paramref name="registry"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="options">Where the jobs read and write, and the external user service of <c>importUsers</c>.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem), or a job of the same name is registered.</exception>
    public static JobRegistry AddSampleJobs(this JobRegistry registry, SampleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return registry
            .Add(ImportUsersJob.Create(options))
            .Add(FootballJob.Create(options))
            .Add(TransformCsvJob.Create(options));
    }
}
