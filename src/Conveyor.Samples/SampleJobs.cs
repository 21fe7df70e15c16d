using Azure.Data.Tables;
using Azure.Storage.Blobs;
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
    /// <summary>Adds the three sample jobs to <paramref name="registry"/>, on clients built once from <see cref="SampleJobsOptions.ConnectionString"/>.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="options">Where the jobs read and write, and the external user service of <c>importUsers</c>.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem), or a job of the same name is registered.</exception>
    public static JobRegistry AddSampleJobs(this JobRegistry registry, SampleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(connectionStringRequired: true);
        return registry.AddSampleJobs(options, new BlobServiceClient(options.ConnectionString), new TableServiceClient(options.ConnectionString));
    }

    /// <summary>Adds the three sample jobs to <paramref name="registry"/>, on the app's storage clients.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="options">Where the jobs read and write, and the external user service of <c>importUsers</c>; <see cref="SampleJobsOptions.ConnectionString"/> is not used.</param>
    /// <param name="blobs">The blob service (e.g. the <see cref="BlobServiceClient"/> <c>AddConveyor</c> registers).</param>
    /// <param name="tables">The table service (e.g. the <see cref="TableServiceClient"/> <c>AddConveyor</c> registers).</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem), or a job of the same name is registered.</exception>
    public static JobRegistry AddSampleJobs(this JobRegistry registry, SampleJobsOptions options, BlobServiceClient blobs, TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(tables);
        options.Validate();
        return registry
            .Add(ImportUsersJob.Create(options, blobs, tables))
            .Add(FootballJob.Create(options, blobs, tables))
            .Add(TransformCsvJob.Create(options, blobs, tables));
    }
}
