using Conveyor.Batch.IO.Csv;

namespace Conveyor.Samples.ImportUsers;

/// <summary>A record of the users CSV (<c>userId,email,name</c>, with a header row), as read: not validated yet.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Email">The user's email address.</param>
/// <param name="Name">The user's display name.</param>
/// <param name="Line">The line the record starts on.</param>
internal sealed record UserRecord(string UserId, string Email, string Name, long? Line)
{
    /// <summary>The columns of the users CSV, found by name in its header row (any order, any case).</summary>
    public static readonly string[] Columns = ["userId", "email", "name"];

    public static UserRecord From(CsvRecordView record) =>
        new(record["userId"].Trim(), record["email"].Trim(), record["name"].Trim(), record.LineNumber);

    /// <summary>Returns the user id, which the engine records as the key of a skipped item.</summary>
    /// <returns>The user id.</returns>
    public override string ToString() => UserId;
}
