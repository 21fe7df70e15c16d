using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Tables;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Samples.ImportUsers;

/// <summary>
/// The <c>importUsers</c> job: creates a local user for each valid record of a users CSV, then its external user in the
/// external user service, and writes a result CSV of the users created.
/// </summary>
/// <remarks>
/// <para>
/// Input: a CSV blob in the uploads container under <c>users/</c> (an upload there starts the job by itself), with a
/// header row naming the columns <c>userId</c>, <c>email</c> and <c>name</c>. Parameters: <c>input</c> (required), the
/// blob's name, e.g. <c>users/2026-11-20.csv</c>; <c>output</c> (optional), the result blob's name in the results
/// container, by default the input's name with <c>.result.csv</c> for its extension (<c>users/2026-11-20.result.csv</c>).
/// </para>
/// <para>
/// Step <c>createLocalUsers</c> (chunks of 100): a record with a bad user id or email, an empty name, or the wrong number
/// of fields is skipped with its line and reason (at most 100 per run of the step); the others become rows of the
/// <c>{prefix}Users</c> table with status <c>pending</c>, in a partition of their own per job instance.
/// </para>
/// <para>
/// Step <c>createExternalUsers</c> (chunks of 20): calls the external user service for each of those rows, retrying
/// transient failures and skipping users the service refuses (see <see cref="ExternalUserServiceOptions"/>); each user
/// created gets its external id and status (<c>created</c>, or <c>existing</c> when the service had it) in its row and
/// a line <c>userId,externalId,status</c> in the result CSV.
/// </para>
/// </remarks>
public static class ImportUsersJob
{
    /// <summary>The job's name.</summary>
    public const string Name = "importUsers";

    /// <summary>The parameter naming the users CSV blob in the uploads container (required).</summary>
    public const string InputParameter = "input";

    /// <summary>The parameter naming the result CSV blob in the results container (optional).</summary>
    public const string OutputParameter = "output";

    /// <summary>The prefix of the users CSV blobs in the uploads container; an upload under it starts the job.</summary>
    public const string InputPrefix = "users/";

    /// <summary>Builds the job.</summary>
    /// <param name="options">Where the job reads and writes, and the external user service.</param>
    /// <param name="blobs">The blob service of the uploads and results containers (the app\'s long-lived client).</param>
    /// <param name="tables">The table service of the sample tables (the app\'s long-lived client).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static JobDefinition Create(SampleJobsOptions options, BlobServiceClient blobs, TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var storage = new SampleStorage(options, blobs, tables);
        var users = storage.Table(options.UsersTable);
        var service = options.ExternalUserService;
        var client = new ExternalUserClient(service);

        var createLocalUsers = new StepBuilder("createLocalUsers").Chunk<UserRecord, LocalUser>(100)
            .Reader(context => new CsvItemReader<UserRecord>(storage.Uploads.GetBlobClient(InputOf(context.Parameters)), UserRecord.From))
            .Processor(_ => new UserValidator())
            .Writer(context => SampleStorage.CreatingTable(
                users,
                new TableItemWriter<LocalUser>(users, user => user.ToEntity(SampleStorage.RunKey(context), InputOf(context.Parameters)))))
            .FaultTolerant(new FaultTolerance { Skippable = [typeof(InvalidUserException), typeof(MalformedRecordException)], SkipLimit = 100 })
            .Build();

        var createExternalUsers = new StepBuilder("createExternalUsers").Chunk<LocalUser, ImportedUser>(20)
            .Reader(context => new LocalUserReader(users, SampleStorage.RunKey(context)))
            .Processor(_ => new ExternalUserCreator(client))
            .Writer(context => new CompositeItemWriter<ImportedUser>(
                new TableItemWriter<ImportedUser>(users, user => user.ToEntity(SampleStorage.RunKey(context)), TableUpdateMode.Merge),
                SampleStorage.CreatingContainer(
                    storage.Results,
                    new BlobItemWriter<ImportedUser>(
                        storage.Results.GetBlobClient(OutputOf(context.Parameters)),
                        new BlobItemWriterOptions<ImportedUser> { Header = ImportedUser.Header, CsvFields = user => user.Fields() }))))
            .FaultTolerant(new FaultTolerance
            {
                Retryable = [typeof(ExternalUserServiceUnavailableException)],
                RetryLimit = service.RetryLimit,
                RetryBackoff = service.RetryBackoff,
                Skippable = [typeof(ExternalUserRejectedException)],
                SkipLimit = service.SkipLimit,
            })
            .Build();

        // Only the input is required; other parameters are allowed, since the upload trigger may add its own.
        return new JobBuilder(Name)
            .Start(createLocalUsers)
            .Next(createExternalUsers)
            .Validator([InputParameter])
            .Input(options.UploadsContainer, InputPrefix, InputParameter, triggerOnUpload: true)
            .Build();
    }

    /// <summary>Returns the result blob's name: the <c>output</c> parameter, else the input's name with <c>.result.csv</c> for its extension.</summary>
    /// <param name="parameters">The job parameters.</param>
    /// <returns>The blob name.</returns>
    internal static string OutputOf(JobParameters parameters) =>
        parameters.GetString(OutputParameter) is { Length: > 0 } output ? output : Path.ChangeExtension(InputOf(parameters), ".result.csv");

    private static string InputOf(JobParameters parameters) =>
        parameters.GetString(InputParameter) ?? throw new InvalidOperationException($"The parameter '{InputParameter}' is required.");
}
