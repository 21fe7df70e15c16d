using Azure.Data.Tables;

namespace Conveyor.Samples.ImportUsers;

/// <summary>A user whose external user exists: a row of the result CSV, and an update of the local user's row.</summary>
/// <param name="UserId">The local user id.</param>
/// <param name="ExternalId">The id the external service gave the user.</param>
/// <param name="Status"><see cref="Created"/> or <see cref="Existing"/>.</param>
internal sealed record ImportedUser(string UserId, string ExternalId, string Status)
{
    /// <summary>The status of a user the external service created (201).</summary>
    public const string Created = "created";

    /// <summary>The status of a user the external service already had (200), for example when a chunk is sent again after a restart.</summary>
    public const string Existing = "existing";

    /// <summary>The header of the result CSV.</summary>
    public static readonly string[] Header = ["userId", "externalId", "status"];

    /// <summary>Returns the fields of the result CSV row.</summary>
    /// <returns>The fields, in <see cref="Header"/> order.</returns>
    public IReadOnlyList<string?> Fields() => [UserId, ExternalId, Status];

    /// <summary>Returns the properties merged into the local user's row.</summary>
    /// <param name="runKey">The partition key of the job instance.</param>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity(string runKey) => new(runKey, UserId)
    {
        ["externalId"] = ExternalId,
        ["status"] = Status,
    };
}
