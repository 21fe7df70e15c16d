using System.Globalization;

namespace Conveyor.Samples.Tests.Football;

/// <summary>Spring Batch's football sample files (copied next to the tests) and the summary they should give, computed with plain LINQ.</summary>
internal static class FootballFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Football", "Data", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The expected summary: players (lines with six fields and numeric years), groups of games per player and year, and the lines written.</summary>
    public static Expectation Expected(string playerFile, string gameFile)
    {
        var playerLines = File.ReadAllLines(PathOf(playerFile));
        var players = playerLines.Select(l => l.Split(','))
            .Where(f => f.Length == 6 && int.TryParse(f[4], CultureInfo.InvariantCulture, out _) && int.TryParse(f[5], CultureInfo.InvariantCulture, out _))
            .Select(f => f[0])
            .ToHashSet(StringComparer.Ordinal);
        var games = File.ReadAllLines(PathOf(gameFile)).Select(l => l.Split(',')).ToArray();
        var groups = games.GroupBy(g => (Id: g[0], Year: g[1])).ToArray();
        var lines = groups.Where(g => players.Contains(g.Key.Id))
            .Select(g => string.Join(',', [g.Key.Id, g.Key.Year, .. Enumerable.Range(5, 10).Select(i => g.Sum(f => Number(f[i])).ToString(CultureInfo.InvariantCulture))]))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new Expectation(playerLines.Length, players.Count, games.Length, groups.Length, lines);
    }

    private static int Number(string field) => field.Length == 0 ? 0 : int.Parse(field, CultureInfo.InvariantCulture);

    internal sealed record Expectation(long PlayerLines, long Players, long Games, long Groups, string[] Lines);
}
