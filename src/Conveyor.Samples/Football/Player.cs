using Azure.Data.Tables;
using Conveyor.Batch.IO.Csv;

namespace Conveyor.Samples.Football;

/// <summary>A player of the players file: <c>ID,lastName,firstName,position,birthYear,debutYear</c>, no header row.</summary>
/// <param name="Id">The player id, e.g. <c>AbduKa00</c>.</param>
/// <param name="LastName">The last name.</param>
/// <param name="FirstName">The first name.</param>
/// <param name="Position">The position, e.g. <c>rb</c>.</param>
/// <param name="BirthYear">The year of birth.</param>
/// <param name="DebutYear">The year of the first game.</param>
internal sealed record Player(string Id, string LastName, string FirstName, string Position, int BirthYear, int DebutYear)
{
    /// <summary>The columns of the players file.</summary>
    public static readonly string[] Columns = ["ID", "lastName", "firstName", "position", "birthYear", "debutYear"];

    /// <summary>Maps a record; a missing field or a year that is not a number makes the record malformed.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The player.</returns>
    public static Player From(CsvRecordView record) => new(
        TableKeys.Checked(record["ID"], "player id"),
        record["lastName"],
        record["firstName"],
        record["position"],
        record.Parse<int>("birthYear"),
        record.Parse<int>("debutYear"));

    /// <summary>Returns the player's row: one partition per job instance, the id as row key.</summary>
    /// <param name="runKey">The partition of the job instance.</param>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity(string runKey) => new(runKey, Id)
    {
        ["lastName"] = LastName,
        ["firstName"] = FirstName,
        ["position"] = Position,
        ["birthYear"] = BirthYear,
        ["debutYear"] = DebutYear,
    };
}
