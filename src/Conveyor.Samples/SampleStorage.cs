using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.Item;
using Conveyor.Batch.Steps;

namespace Conveyor.Samples;

/// <summary>The containers and tables of the sample jobs, on the app's service clients (one pipeline per service).</summary>
internal sealed class SampleStorage
{
    private readonly TableServiceClient _tables;

    public SampleStorage(SampleJobsOptions options, BlobServiceClient blobs, TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        Uploads = blobs.GetBlobContainerClient(options.UploadsContainer);
        Results = blobs.GetBlobContainerClient(options.ResultsContainer);
    }

    /// <summary>Gets the container the input files are uploaded to.</summary>
    public BlobContainerClient Uploads { get; }

    /// <summary>Gets the container the output files are written to.</summary>
    public BlobContainerClient Results { get; }

    /// <summary>
    /// Returns the partition key of the rows one job instance writes: its identity key (a hash of the job's identifying
    /// parameters). A restart keeps the same key, so its rows overwrite themselves; another instance gets rows of its own.
    /// </summary>
    /// <param name="context">The step context.</param>
    /// <returns>A 32-character hex key.</returns>
    public static string RunKey(StepContext context) => context.Parameters.ToIdentityKey();

    /// <summary>Wraps a writer so that the container it writes to is created when the step opens.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="container">The container.</param>
    /// <param name="writer">The writer.</param>
    /// <returns>The wrapped writer.</returns>
    public static IItemWriter<T> CreatingContainer<T>(BlobContainerClient container, IItemWriter<T> writer) =>
        new ProvisionedItemWriter<T>(writer, cancellationToken => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    /// <summary>Wraps a writer so that the table it writes to is created when the step opens.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="table">The table.</param>
    /// <param name="writer">The writer.</param>
    /// <returns>The wrapped writer.</returns>
    public static IItemWriter<T> CreatingTable<T>(TableClient table, IItemWriter<T> writer) =>
        new ProvisionedItemWriter<T>(writer, cancellationToken => table.CreateIfNotExistsAsync(cancellationToken));

    /// <summary>Returns a client of a table.</summary>
    /// <param name="name">The table name.</param>
    /// <returns>The client.</returns>
    public TableClient Table(string name) => _tables.GetTableClient(name);
}
