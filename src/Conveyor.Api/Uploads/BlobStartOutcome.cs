namespace Conveyor.Api.Uploads;

/// <summary>What <see cref="BlobJobStarter.StartOnceAsync"/> did with a blob version.</summary>
public enum BlobStartOutcome
{
    /// <summary>This call started the job for the version.</summary>
    Started,

    /// <summary>The job instance of the version already existed (started before, by a trigger or the upload endpoint).</summary>
    AlreadyStarted,

    /// <summary>Another caller holds a fresh claim on the version and is starting it; nothing was done.</summary>
    ClaimedElsewhere,

    /// <summary>The job refused the version's parameters; the receipt says why and the version is not tried again.</summary>
    Rejected,

    /// <summary>The start failed for a passing reason; the claim was released and the next scan tries again.</summary>
    Failed,
}
