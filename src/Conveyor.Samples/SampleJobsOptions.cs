using System.Diagnostics.CodeAnalysis;
using Conveyor.Batch.IO.Blobs;

namespace Conveyor.Samples;

/// <summary>Where the sample jobs read and write: the storage account, its blob containers and tables, and the external user service.</summary>
/// <remarks>
/// The jobs create the containers and tables they write to when a step opens, so an empty storage account (or a fresh
/// Azurite) is enough. Checked by <c>SampleJobs.AddSampleJobs</c>, which reports every problem in one message.
/// </remarks>
public sealed class SampleJobsOptions
{
    /// <summary>
    /// Gets or sets the storage connection string of the sample data (account key, SAS or <c>UseDevelopmentStorage=true</c>).
    /// Required by <see cref="SampleJobs.AddSampleJobs(Conveyor.Batch.Jobs.JobRegistry, SampleJobsOptions)"/>; hosts pass their service clients instead.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the blob container the jobs' input files are uploaded to. Defaults to <c>uploads</c>.</summary>
    /// <remarks><c>importUsers</c> files go under <c>users/</c>, <c>transformCsv</c> files under <c>transform/</c>; <c>football</c> names its two files by parameter.</remarks>
    public string UploadsContainer { get; set; } = "uploads";

    /// <summary>Gets or sets the blob container the jobs write their output files to. Defaults to <c>results</c>.</summary>
    public string ResultsContainer { get; set; } = "results";

    /// <summary>
    /// Gets or sets the prefix of the sample tables: <c>{prefix}Users</c> (importUsers), <c>{prefix}Players</c> and
    /// <c>{prefix}Games</c> (football). Letters and digits, starting with a letter. Defaults to <c>samples</c>.
    /// </summary>
    public string TablePrefix { get; set; } = "samples";

    /// <summary>Gets or sets the external user service that <c>importUsers</c> creates users in.</summary>
    public ExternalUserServiceOptions ExternalUserService { get; set; } = new();

    /// <summary>
    /// Gets or sets the number of rows <c>transformCsv</c> commits at a time. Defaults to 1,000. A blob holds at most
    /// 49,999 chunks, so one partition writes at most chunk size × 49,999 rows.
    /// </summary>
    public int TransformChunkSize { get; set; } = 1000;

    internal string UsersTable => TablePrefix + "Users";

    internal string PlayersTable => TablePrefix + "Players";

    internal string GamesTable => TablePrefix + "Games";

    /// <summary>Checks the options.</summary>
    /// <param name="connectionStringRequired">Whether the clients are to be built from <see cref="ConnectionString"/>.</param>
    /// <exception cref="ArgumentException">Something is missing or invalid; the message lists every problem.</exception>
    [SuppressMessage("Usage", "CA2208:Instantiate argument exceptions correctly", Justification = "The options are the caller's argument, named 'options' by every AddSampleJobs overload.")]
    internal void Validate(bool connectionStringRequired = false)
    {
        var errors = new List<string>();
        if (connectionStringRequired && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("ConnectionString is required.");
        }

        foreach (var (name, value) in new[] { (nameof(UploadsContainer), UploadsContainer), (nameof(ResultsContainer), ResultsContainer) })
        {
            try
            {
                BlobNames.ValidateContainerName(value, name);
            }
            catch (ArgumentException e)
            {
                errors.Add($"{name}: {e.Message}");
            }
        }

        // The longest table name is {prefix}Players: 3 to 63 characters in all.
        if (string.IsNullOrEmpty(TablePrefix) || !char.IsAsciiLetter(TablePrefix[0]) || !TablePrefix.All(char.IsAsciiLetterOrDigit) || TablePrefix.Length > 56)
        {
            errors.Add("TablePrefix must be 1 to 56 letters and digits, starting with a letter.");
        }

        if (TransformChunkSize < 1)
        {
            errors.Add("TransformChunkSize must be at least 1.");
        }

        if (ExternalUserService is null)
        {
            errors.Add("ExternalUserService is required.");
        }
        else
        {
            errors.AddRange(ExternalUserService.Problems().Select(p => $"ExternalUserService.{p}"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid sample job options: " + string.Join(" ", errors), "options");
        }
    }
}
