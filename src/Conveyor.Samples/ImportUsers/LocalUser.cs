using Azure.Data.Tables;

namespace Conveyor.Samples.ImportUsers;

/// <summary>A validated user, stored as a row of the users table before the external user is created.</summary>
/// <param name="UserId">The user's id: the row key.</param>
/// <param name="Email">The email address.</param>
/// <param name="Name">The display name.</param>
/// <param name="Line">The line of the users CSV it came from, so a later skip can still name that line.</param>
internal sealed record LocalUser(string UserId, string Email, string Name, long? Line)
{
    /// <summary>The status of a local user whose external user is not created yet.</summary>
    public const string Pending = "pending";

    /// <summary>Returns the row of the user: one partition per job instance, so each import reads back only its own users.</summary>
    /// <param name="runKey">The partition key of the job instance.</param>
    /// <param name="source">The users CSV's blob name.</param>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity(string runKey, string source) => new(runKey, UserId)
    {
        ["email"] = Email,
        ["name"] = Name,
        ["line"] = Line,
        ["source"] = source,
        ["status"] = Pending,
    };

    /// <summary>Reads a user back from its row.</summary>
    /// <param name="entity">The row.</param>
    /// <returns>The user.</returns>
    public static LocalUser FromEntity(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("email") ?? string.Empty, entity.GetString("name") ?? string.Empty, entity.GetInt64("line"));

    /// <summary>Returns the user id, which the engine records as the key of a skipped item.</summary>
    /// <returns>The user id.</returns>
    public override string ToString() => UserId;
}
