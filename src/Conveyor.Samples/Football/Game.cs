using System.Globalization;
using Azure.Data.Tables;
using Conveyor.Batch.IO.Csv;

namespace Conveyor.Samples.Football;

/// <summary>
/// One player's game of the games file: <c>id,year,team,week,opponent</c> then the statistics of
/// <see cref="StatisticColumns"/>, no header row. An empty <c>receptions</c> field counts as 0.
/// </summary>
/// <param name="PlayerId">The player id.</param>
/// <param name="Year">The season.</param>
/// <param name="Team">The player's team.</param>
/// <param name="Week">The week of the season.</param>
/// <param name="Opponent">The opposing team.</param>
/// <param name="Statistics">The statistics, in <see cref="StatisticColumns"/> order.</param>
/// <param name="Line">The line of the games file; it makes the row key unique (the file repeats some lines exactly).</param>
internal sealed record Game(string PlayerId, int Year, string Team, int Week, string Opponent, int[] Statistics, long Line)
{
    /// <summary>The statistics columns, summed per player and year by the summary step.</summary>
    public static readonly string[] StatisticColumns =
        ["completes", "attempts", "passingYards", "passingTd", "interceptions", "rushes", "rushYards", "receptions", "receptionYards", "totalTd"];

    /// <summary>The columns of the games file.</summary>
    public static readonly string[] Columns = ["id", "year", "team", "week", "opponent", .. StatisticColumns];

    /// <summary>Maps a record; a missing field or a number that does not parse makes the record malformed.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The game.</returns>
    public static Game From(CsvRecordView record) => new(
        TableKeys.Checked(record["id"], "player id"),
        record.Parse<int>("year"),
        record["team"],
        record.Parse<int>("week"),
        record["opponent"],
        [.. StatisticColumns.Select(c => c == "receptions" && record[c].Length == 0 ? 0 : record.Parse<int>(c))],
        record.LineNumber ?? throw new InvalidOperationException("The games reader reports no line numbers."));

    /// <summary>Returns the partition key of a year's games of one job instance: <c>{runKey}-{year:D4}</c>.</summary>
    /// <param name="runKey">The partition of the job instance.</param>
    /// <param name="year">The year.</param>
    /// <returns>The key.</returns>
    public static string PartitionKeyOf(string runKey, int year) => string.Create(CultureInfo.InvariantCulture, $"{runKey}-{year:D4}");

    /// <summary>
    /// Returns the game's row. Partitions by job instance and year, rows by player then line, so that a query in key
    /// order returns each player's games of a year one after the other, ready to be summed.
    /// </summary>
    /// <param name="runKey">The partition of the job instance.</param>
    /// <returns>The entity.</returns>
    public TableEntity ToEntity(string runKey)
    {
        var entity = new TableEntity(PartitionKeyOf(runKey, Year), string.Create(CultureInfo.InvariantCulture, $"{PlayerId}-{Line:D7}"))
        {
            ["playerId"] = PlayerId,
            ["year"] = Year,
            ["team"] = Team,
            ["week"] = Week,
            ["opponent"] = Opponent,
        };
        for (var i = 0; i < StatisticColumns.Length; i++)
        {
            entity[StatisticColumns[i]] = Statistics[i];
        }

        return entity;
    }
}
