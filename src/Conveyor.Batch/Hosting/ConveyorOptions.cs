using Conveyor.Batch.Execution;
using Conveyor.DurableTask.AzureStorage.TaskHub;

namespace Conveyor.Batch.Hosting;

/// <summary>Where a Conveyor app keeps its state and how it runs jobs.</summary>
public sealed class ConveyorOptions
{
    /// <summary>Gets or sets the storage connection string (Azure Storage or Azurite): the simple way to set <see cref="Storage"/>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the storage connection: a connection string or identity-based service URIs (see
    /// <see cref="StorageConnection.FromConfiguration"/>). When null, <see cref="ConnectionString"/> is used; one of them is required.
    /// </summary>
    public StorageConnection? Storage { get; set; }

    /// <summary>Gets or sets the task hub name: prefix of the orchestration tables, queues and containers. Default <c>conveyor</c>.</summary>
    public string TaskHubName { get; set; } = "conveyor";

    /// <summary>Gets or sets the prefix of the JobRepository tables. Default <c>conveyor</c>.</summary>
    public string TablePrefix { get; set; } = "conveyor";

    /// <summary>Gets or sets the number of control-queue partitions of the task hub (1–16). Default 4.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Gets or sets a value indicating whether this process runs jobs (a durable worker) or only starts and queries them.
    /// Default true. Read when <c>AddConveyor</c> is called.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>
    /// Gets or sets a change to the Durable Task engine's settings (concurrency, polling, leases, extended sessions; see
    /// <see cref="AzureStorageTaskHubOptions"/> for their measured defaults), applied after the task hub name, partition
    /// count and storage connection above. Optional.
    /// </summary>
    public Action<AzureStorageTaskHubOptions>? TaskHub { get; set; }

    /// <summary>Gets the batch engine's settings.</summary>
    public BatchOptions Batch { get; } = new();

    /// <summary>Returns <see cref="Storage"/>, or a connection from <see cref="ConnectionString"/>.</summary>
    /// <returns>The connection.</returns>
    internal StorageConnection ResolveStorage() => Storage ?? StorageConnection.FromConnectionString(ConnectionString);

    /// <summary>Sets the task hub of the durable worker or client from these options.</summary>
    /// <param name="hub">The task hub options to fill in.</param>
    internal void ApplyTo(AzureStorageTaskHubOptions hub)
    {
        var storage = ResolveStorage();
        hub.TaskHubName = TaskHubName;
        hub.PartitionCount = PartitionCount;
        hub.ConnectionString = storage.ConnectionString;
        hub.BlobServiceUri = storage.BlobServiceUri;
        hub.QueueServiceUri = storage.QueueServiceUri;
        hub.TableServiceUri = storage.TableServiceUri;
        hub.Credential = storage.Credential;
        TaskHub?.Invoke(hub);
    }

    /// <summary>Throws when a setting is missing or out of range, naming every problem.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Storage is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("ConnectionString (or Storage) is required");
        }

        if (Batch.MaxPartitionAttempts < 1)
        {
            errors.Add($"Batch.MaxPartitionAttempts must be at least 1 (was {Batch.MaxPartitionAttempts})");
        }

        if (PartitionCount is < 1 or > 16)
        {
            errors.Add($"PartitionCount must be 1 to 16 (was {PartitionCount})");
        }

        if (string.IsNullOrWhiteSpace(TablePrefix) || !TablePrefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(TablePrefix[0]))
        {
            errors.Add("TablePrefix must be letters and digits, starting with a letter");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Conveyor options are invalid: {string.Join("; ", errors)}.");
        }
    }
}
