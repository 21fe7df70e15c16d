using Azure;

namespace Conveyor.Storage.Blobs;

/// <summary>Preconditions and the lease a blob request must satisfy to succeed.</summary>
/// <remarks>
/// A failed precondition surfaces as <see cref="RequestFailedException"/> with status 412 (<c>ConditionNotMet</c>),
/// except <see cref="IfNoneMatch"/> = <see cref="ETag.All"/> on a write, which the service answers with
/// 409 <c>BlobAlreadyExists</c> when the blob exists.
/// </remarks>
public sealed class BlobRequestConditions
{
    /// <summary>Gets or sets the ETag the blob must have (<see cref="ETag.All"/>: the blob must exist).</summary>
    public ETag? IfMatch { get; set; }

    /// <summary>Gets or sets the ETag the blob must not have (<see cref="ETag.All"/>: the blob must not exist).</summary>
    public ETag? IfNoneMatch { get; set; }

    /// <summary>Gets or sets the lease id that must be the active lease of the blob (or container).</summary>
    public string? LeaseId { get; set; }

    /// <summary>Gets or sets a time after which the blob must have been modified.</summary>
    public DateTimeOffset? IfModifiedSince { get; set; }

    /// <summary>Gets or sets a time after which the blob must not have been modified.</summary>
    public DateTimeOffset? IfUnmodifiedSince { get; set; }
}
