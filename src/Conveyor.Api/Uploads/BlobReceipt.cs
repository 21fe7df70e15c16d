using Azure;

namespace Conveyor.Api.Uploads;

/// <summary>One row of the <c>&lt;prefix&gt;BlobReceipts</c> table: which version of an input blob a job has been started for.</summary>
public sealed class BlobReceipt
{
    /// <summary>A poller has claimed the version and is starting the job (or died doing so).</summary>
    public const string Starting = "Starting";

    /// <summary>The job instance of the version exists: started by this trigger, the upload endpoint or an earlier attempt.</summary>
    public const string Started = "Started";

    /// <summary>The job refused the version's parameters; it is not tried again until the blob changes.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Gets the job.</summary>
    public required string JobName { get; init; }

    /// <summary>Gets the blob's full name.</summary>
    public required string BlobName { get; init; }

    /// <summary>Gets the blob version (bare ETag) the receipt is about.</summary>
    public required string BlobETag { get; init; }

    /// <summary>Gets <see cref="Starting"/>, <see cref="Started"/> or <see cref="Rejected"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets when the version was claimed.</summary>
    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>Gets the process that claimed it.</summary>
    public string? Owner { get; init; }

    /// <summary>Gets the job instance of the version, once known.</summary>
    public string? JobInstanceId { get; init; }

    /// <summary>Gets why the job refused the version, if it did.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the row's ETag, for guarded updates.</summary>
    public ETag ETag { get; init; }

    /// <summary>Gets a value indicating whether the version is handled (started or refused).</summary>
    public bool IsDone => Status is Started or Rejected;
}
