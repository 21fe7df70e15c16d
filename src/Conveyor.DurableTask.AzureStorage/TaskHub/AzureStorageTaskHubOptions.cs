using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Core;

namespace Conveyor.DurableTask.AzureStorage.TaskHub;

/// <summary>
/// A task hub on Azure Storage and how the Durable Task Framework's engine runs it: the storage account, the hub's
/// name and partitions, and the engine's concurrency, polling, session and lease settings.
/// </summary>
/// <remarks>
/// <para>
/// One engine instance (<c>AzureStorageOrchestrationService</c>) serves each task hub in a container; a worker and a
/// client on the same hub share it. When both are registered, the worker's options decide the engine settings.
/// </para>
/// <para>
/// The defaults that differ from the engine's own (<see cref="ExtendedSessionsEnabled"/>,
/// <see cref="MaxConcurrentActivities"/>, <see cref="MaxQueuePollingInterval"/>) were chosen by the <c>durable</c>
/// benchmark (<c>tests/Conveyor.Benchmarks</c>): a 100-step activity chain and a 1,000-activity fan-out on Azurite.
/// Measured 2026-12-05 on a shared 2-core machine (load average ~20, so absolute figures are low): engine defaults
/// 13 chain steps/s; these defaults 24 chain steps/s and 34 fan-out activities/s; without extended sessions 17 and 8;
/// polling 50 ms 46 and 17; polling 1 s 37 and 13; 32 activity slots 19 and 42.
/// </para>
/// </remarks>
public sealed partial class AzureStorageTaskHubOptions
{
    /// <summary>
    /// Gets or sets the task hub's name: 3–45 letters and digits, starting with a letter. It names the hub's queues,
    /// tables and blob containers. Required.
    /// </summary>
    public string TaskHubName { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the storage connection string (for example <c>UseDevelopmentStorage=true</c>). Set it, or the
    /// three service URIs and <see cref="Credential"/>, not both. Never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the blob service endpoint, for identity-based access with <see cref="Credential"/>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the queue service endpoint, for identity-based access with <see cref="Credential"/>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Gets or sets the table service endpoint, for identity-based access with <see cref="Credential"/>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Gets or sets the Entra ID credential used with the service URIs (for example a managed identity).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Gets or sets the number of control-queue partitions, 1–16. Default 4 (the engine's). It bounds how many workers
    /// share orchestration work, and is fixed when the hub is created: later values are ignored by the engine.
    /// </summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Gets or sets whether orchestrations stay in memory between episodes instead of replaying from history each time.
    /// Default <see langword="true"/> (the engine's is false): measured, it is what makes an activity chain fast.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>Gets or sets how long an idle orchestration stays in memory with extended sessions. Default 30 s (the engine's).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how many activities one worker runs at once. Default 100 (the engine's is 10): measured, a fan-out
    /// is bounded by it when activities wait on I/O, and a no-op activity costs only a queue message.
    /// </summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Gets or sets how many orchestration episodes one worker runs at once. Default 100 (the engine's).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// Gets or sets the longest wait between polls of an empty queue (the engine backs off up to it). Default 200 ms
    /// (the engine's is 30 s): measured, a sequential chain waits up to this long per step after a quiet moment.
    /// </summary>
    /// <remarks>
    /// An idle worker polls each owned control queue and the work-item queue this often: with 4 partitions about 25
    /// storage transactions a second. Raise it where idle cost matters more than latency.
    /// </remarks>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how long a partition lease lasts without renewal: a crashed worker's partitions move after this. Default 30 s (the engine's).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often owned partition leases are renewed. Default 10 s (the engine's); must be shorter than <see cref="LeaseInterval"/>.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how often a worker looks for partitions to acquire or balance. Default 10 s (the engine's).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long a dequeued control-queue message stays invisible: after a crash, the orchestration messages
    /// the dead worker held reappear after this. Default 5 min (the engine's).
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long a dequeued activity message stays invisible (renewed while the activity runs): after a
    /// crash, the dead worker's activities run again elsewhere after this. Default 5 min (the engine's).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets a change applied to the client options of the engine's blob, queue and table clients (retry,
    /// diagnostics, extra pipeline policies) before they are built. Optional; the SDKs' defaults otherwise.
    /// </summary>
    public Action<Azure.Core.ClientOptions>? ConfigureClientOptions { get; set; }

    /// <summary>Gets or sets whether partitions are managed in a table (the engine's 2.x default, <see langword="true"/>) rather than blob leases.</summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>Gets or sets whether workers of different app versions take turns through an app lease. Default <see langword="true"/> (the engine's).</summary>
    public bool UseAppLease { get; set; } = true;

    /// <summary>
    /// Gets or sets this worker's identity in partition ownership. Default <c>machine name:process id</c>, so two
    /// processes on one machine never mistake each other's partitions for their own (the engine's default is the
    /// machine name alone). Two workers in one process on one hub need distinct values.
    /// </summary>
    public string WorkerId { get; set; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>Returns every problem with these options; empty when they are valid.</summary>
    /// <returns>One message per problem.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(TaskHubName) || !TaskHubNamePattern().IsMatch(TaskHubName))
        {
            errors.Add($"TaskHubName '{TaskHubName}' must be 3-45 letters and digits starting with a letter.");
        }

        var uris = new[] { BlobServiceUri, QueueServiceUri, TableServiceUri };
        var byIdentity = uris.Any(u => u is not null) || Credential is not null;
        if (string.IsNullOrEmpty(ConnectionString) == !byIdentity)
        {
            errors.Add("Set either ConnectionString, or BlobServiceUri, QueueServiceUri, TableServiceUri and Credential.");
        }
        else if (byIdentity && (uris.Any(u => u is null) || Credential is null))
        {
            errors.Add("Identity-based access needs all of BlobServiceUri, QueueServiceUri, TableServiceUri and Credential.");
        }

        AddIfOutOfRange(errors, nameof(PartitionCount), PartitionCount, 1, 16);
        AddIfOutOfRange(errors, nameof(MaxConcurrentActivities), MaxConcurrentActivities, 1, 10_000);
        AddIfOutOfRange(errors, nameof(MaxConcurrentOrchestrations), MaxConcurrentOrchestrations, 1, 10_000);
        AddIfNotPositive(errors, nameof(ExtendedSessionIdleTimeout), ExtendedSessionIdleTimeout);
        AddIfNotPositive(errors, nameof(MaxQueuePollingInterval), MaxQueuePollingInterval);
        AddIfNotPositive(errors, nameof(LeaseInterval), LeaseInterval);
        AddIfNotPositive(errors, nameof(LeaseRenewInterval), LeaseRenewInterval);
        AddIfNotPositive(errors, nameof(LeaseAcquireInterval), LeaseAcquireInterval);
        AddIfNotPositive(errors, nameof(ControlQueueVisibilityTimeout), ControlQueueVisibilityTimeout);
        AddIfNotPositive(errors, nameof(WorkItemQueueVisibilityTimeout), WorkItemQueueVisibilityTimeout);
        if (LeaseRenewInterval >= LeaseInterval)
        {
            errors.Add($"LeaseRenewInterval ({LeaseRenewInterval}) must be shorter than LeaseInterval ({LeaseInterval}).");
        }

        if (string.IsNullOrWhiteSpace(WorkerId))
        {
            errors.Add("WorkerId must not be empty.");
        }

        return errors;
    }

    private static void AddIfOutOfRange(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be between {min} and {max}."));
        }
    }

    private static void AddIfNotPositive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be positive."));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
