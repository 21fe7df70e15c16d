using Azure.Data.Tables;
using Conveyor.Batch.IO.Tables;
using Conveyor.Batch.Item;
using Conveyor.Samples.Football;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Samples.Tests.Football;

public sealed class GameSummaryReaderTests(AzuriteFixture azurite)
{
    private static readonly int[] CompletesPerSummary = [3, 4, 5, 6];

    [Fact]
    public async Task ReadAsync_GamesOfTwoYears_OneSummaryPerPlayerAndYear_InKeyOrder_OtherRunsIgnored()
    {
        var table = await GamesTableAsync();

        var summaries = await ReadAsync(new GameSummaryReader(table, "run1"), new ExecutionContext(), int.MaxValue);

        summaries.Select(s => (s.ToString(), s.Totals[0], s.Totals[9])).ShouldBe([("aa/2000", 3, 30), ("bb/2000", 4, 40), ("aa/2001", 5, 50), ("bb/2001", 6, 60)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task OpenAsync_ContextSavedAfterSomeSummaries_ResumesWithTheNextSummary(int before)
    {
        var table = await GamesTableAsync();
        var context = new ExecutionContext();
        var first = await ReadAsync(new GameSummaryReader(table, "run1"), context, before);

        var rest = await ReadAsync(new GameSummaryReader(table, "run1"), ExecutionContext.FromJson(context.ToJson()), int.MaxValue);

        first.Concat(rest).Select(s => s.ToString()).ShouldBe(["aa/2000", "bb/2000", "aa/2001", "bb/2001"]);
        rest.Sum(s => s.Totals[0]).ShouldBe(CompletesPerSummary.Skip(before).Sum());
    }

    /// <summary>Reads up to <paramref name="count"/> summaries, then saves the reader's state into <paramref name="context"/> (a commit) and closes it.</summary>
    private static async Task<List<PlayerSummary>> ReadAsync(GameSummaryReader reader, ExecutionContext context, int count)
    {
        var ct = TestContext.Current.CancellationToken;
        await reader.OpenAsync(context, ct);
        var summaries = new List<PlayerSummary>();
        while (summaries.Count < count && await reader.ReadAsync(ct) is { HasItem: true } read)
        {
            summaries.Add(read.Item);
        }

        await reader.UpdateAsync(context, ct);
        await reader.CloseAsync(ct);
        return summaries;
    }

    /// <summary>
    /// run1: aa has 2 games in 2000 (completes 1+2) and 1 in 2001 (5); bb has 1 in 2000 (4) and 2 in 2001 (2+4).
    /// totalTd is ten times completes. run0 and run2 have games of their own that must not be read.
    /// </summary>
    private async Task<TableClient> GamesTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("games"));
        await table.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Game[] games =
        [
            Game("aa", 2000, 1, 1), Game("aa", 2000, 2, 2), Game("bb", 2000, 4, 3),
            Game("aa", 2001, 5, 4), Game("bb", 2001, 2, 5), Game("bb", 2001, 4, 6),
        ];
        await Writer(table, "run1").WriteAsync(new Chunk<Game>(0, games), TestContext.Current.CancellationToken);
        await Writer(table, "run0").WriteAsync(new Chunk<Game>(0, [Game("aa", 2000, 100, 1)]), TestContext.Current.CancellationToken);
        await Writer(table, "run2").WriteAsync(new Chunk<Game>(0, [Game("zz", 1999, 100, 1)]), TestContext.Current.CancellationToken);
        return table;
    }

    private static TableItemWriter<Game> Writer(TableClient table, string runKey) => new(table, g => g.ToEntity(runKey));

    private static Game Game(string player, int year, int completes, long line) =>
        new(player, year, "mia", 1, "nwe", [completes, 0, 0, 0, 0, 0, 0, 0, 0, completes * 10], line);
}
