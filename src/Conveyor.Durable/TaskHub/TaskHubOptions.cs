using System.Text.RegularExpressions;
using Conveyor.Storage.Pipeline;

namespace Conveyor.Durable.TaskHub;

/// <summary>
/// Where a task hub lives and how it is laid out. Clients and workers of one hub must agree on these.
/// </summary>
public sealed partial class TaskHubOptions
{
    /// <summary>Gets or sets the storage connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the hub name: 3–45 lower-case letters and digits, starting with a letter. It prefixes every table,
    /// queue and container. Default <c>conveyor</c>.
    /// </summary>
    public string TaskHubName { get; set; } = "conveyor";

    /// <summary>Gets or sets the number of control queues (partitions), 1–16. Default 4. Fixed for the hub's life.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Gets or sets the converter for inputs, outputs and events. Default <see cref="JsonDataConverter.Default"/>.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>
    /// Gets or sets a callback that adjusts the options of every storage client the hub creates (retries, transport,
    /// extra pipeline policies such as fault injection in tests). Default: none, the storage defaults apply.
    /// </summary>
    public Action<StorageClientOptions>? ConfigureStorageOptions { get; set; }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add("ConnectionString is required.");
        }

        if (!HubName().IsMatch(TaskHubName ?? string.Empty))
        {
            errors.Add($"TaskHubName '{TaskHubName}' must be 3–45 lower-case letters and digits, starting with a letter.");
        }

        if (PartitionCount is < 1 or > 16)
        {
            errors.Add($"PartitionCount must be between 1 and 16 (was {PartitionCount}).");
        }

        if (DataConverter is null)
        {
            errors.Add("DataConverter is required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid task hub options: " + string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{2,44}$")]
    private static partial Regex HubName();
}
