using Azure;

namespace Conveyor.Server.Triggers;

/// <summary>One row of the <c>&lt;prefix&gt;BlobReceipts</c> table: which version of an input blob a job has been started for.</summary>
internal sealed class BlobReceipt
{
    /// <summary>A poller has claimed the version and is starting the job (or died doing so).</summary>
    public const string Starting = "Starting";

    /// <summary>The job instance of the version exists: started by this trigger, the upload endpoint or an earlier attempt.</summary>
    public const string Started = "Started";

    /// <summary>The job refused the version's parameters; it is not tried again until the blob changes.</summary>
    public const string Rejected = "Rejected";

    public required string JobName { get; init; }

    public required string BlobName { get; init; }

    /// <summary>Gets the blob version (bare ETag) the receipt is about.</summary>
    public required string BlobETag { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }

    public string? Owner { get; init; }

    public string? JobInstanceId { get; init; }

    public string? Detail { get; init; }

    /// <summary>Gets the row's ETag, for guarded updates.</summary>
    public ETag ETag { get; init; }

    public bool IsDone => Status is Started or Rejected;
}
