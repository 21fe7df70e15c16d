using System.Globalization;

namespace Conveyor.Samples.Football;

/// <summary>A player's statistics of one year, summed over the year's games: a line of the summary CSV.</summary>
/// <param name="PlayerId">The player id.</param>
/// <param name="Year">The year.</param>
/// <param name="Totals">The sums, in <see cref="Game.StatisticColumns"/> order.</param>
internal sealed record PlayerSummary(string PlayerId, int Year, int[] Totals)
{
    /// <summary>The header of the summary CSV.</summary>
    public static readonly string[] Header = ["playerId", "year", .. Game.StatisticColumns];

    /// <summary>Returns the fields of the summary CSV line.</summary>
    /// <returns>The fields, in <see cref="Header"/> order.</returns>
    public IReadOnlyList<string?> Fields() =>
        [PlayerId, Year.ToString(CultureInfo.InvariantCulture), .. Totals.Select(t => t.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Returns a readable key for skip records.</summary>
    /// <returns><c>{playerId}/{year}</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PlayerId}/{Year}");
}
