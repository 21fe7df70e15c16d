using Conveyor.Batch.Core;
using Conveyor.Samples.Football;
using Conveyor.Testing;

namespace Conveyor.Samples.Tests.Football;

public sealed class FootballJobTests(AzuriteFixture azurite)
{
    private const string Header = "playerId,year,completes,attempts,passingYards,passingTd,interceptions,rushes,rushYards,receptions,receptionYards,totalTd";

    [Fact]
    public async Task Run_FullPlayerAndGameFiles_WritesTheSummaryOfEveryLoadedPlayerAndYear()
    {
        var expected = FootballFiles.Expected("player.csv", "games.csv");
        var options = SampleTestHost.NewOptions(azurite);
        await using var host = await SampleTestHost.StartAsync(azurite, options);

        var done = await RunAsync(host, "player.csv", "games.csv", TimeSpan.FromMinutes(10));

        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var players = await host.StepAsync(done, "playerLoad");
        (players.ReadCount, players.ReadSkipCount, players.WriteCount).ShouldBe((expected.Players, expected.PlayerLines - expected.Players, expected.Players));
        var games = await host.StepAsync(done, "gameLoad");
        (games.ReadCount, games.WriteCount).ShouldBe((expected.Games, expected.Games));
        var summaries = await host.StepAsync(done, "playerSummarization");
        (summaries.ReadCount, summaries.FilterCount, summaries.WriteCount).ShouldBe((expected.Groups, expected.Groups - expected.Lines.Length, (long)expected.Lines.Length));

        var output = await SampleBlobs.DownloadResultLinesAsync(options, "football/summary.csv");
        output[0].ShouldBe(Header);
        output.Length.ShouldBe(expected.Lines.Length + 1);
        output[1..].Order(StringComparer.Ordinal).ShouldBe(expected.Lines);
    }

    [Fact]
    public async Task Run_PlayersWithBadRecords_CompletesWithTheMalformedLinesSkipped()
    {
        var options = SampleTestHost.NewOptions(azurite);
        await using var host = await SampleTestHost.StartAsync(azurite, options);

        var done = await RunAsync(host, "player-containsBadRecords.csv", "games-small.csv");

        // 20 lines. Lines 7, 9 and 11 have 5 fields; line 15 ("AdamTo02,Adamle,Tony,rb,,1950") has no birth year;
        // line 17 has "rb" as its debut year. 20 - 5 = 15 players load.
        done.Status.ShouldBe(BatchStatus.Completed, done.ExitStatus.ExitDescription);
        var players = await host.StepAsync(done, "playerLoad");
        (players.ReadCount, players.ReadSkipCount, players.WriteCount).ShouldBe((15L, 5L, 15L));
        var skips = await host.SkipsAsync(done);
        skips.Select(s => (s.StepName, s.Phase, s.LineNumber)).OrderBy(s => s.LineNumber)
            .ShouldBe([("playerLoad", "read", (long?)7), ("playerLoad", "read", 9), ("playerLoad", "read", 11), ("playerLoad", "read", 15), ("playerLoad", "read", 17)]);
        skips.Single(s => s.LineNumber == 7).Input.ShouldBe("AdamCu00,Adams,Curtis,rb,1962");
        skips.ShouldAllBe(s => s.Reason.StartsWith("MalformedRecordException: Malformed record at line ", StringComparison.Ordinal));

        // games-small.csv is 5 games of AbduKa00 (line 1, well formed) in 1996: rushes 29+18+18+16+18, rush yards
        // 104+70+59+57+39, receptions empty (0), reception yards 16+11+0+0+7, touchdowns 2+2.
        (await SampleBlobs.DownloadResultLinesAsync(options, "football/summary.csv"))
            .ShouldBe([Header, "AbduKa00,1996,0,0,0,0,0,99,329,0,34,4"]);
    }

    [Fact]
    public async Task Run_TwoInstancesOnDifferentFiles_DoNotMixTheirPlayers()
    {
        var options = SampleTestHost.NewOptions(azurite);
        await using var host = await SampleTestHost.StartAsync(azurite, options);
        await SampleBlobs.UploadAsync(options, "football/no-players.csv", "NobodY00,Nobody,Nick,qb,1970,1990\n");

        var withAbdul = await RunAsync(host, "player-containsBadRecords.csv", "games-small.csv");
        var without = await host.RunAsync(FootballJob.Name, Parameters("football/no-players.csv", "football/games-small.csv", "football/none.csv"));

        withAbdul.Status.ShouldBe(BatchStatus.Completed);
        without.Status.ShouldBe(BatchStatus.Completed, without.ExitStatus.ExitDescription);
        (await host.StepAsync(without, "playerSummarization")).FilterCount.ShouldBe(1);
        (await SampleBlobs.DownloadResultLinesAsync(options, "football/none.csv")).ShouldBe([Header]);
    }

    private static async Task<JobExecution> RunAsync(SampleTestHost host, string playerFile, string gameFile, TimeSpan? timeout = null)
    {
        await SampleBlobs.UploadAsync(host.Options, "football/" + playerFile, FootballFiles.Bytes(playerFile));
        await SampleBlobs.UploadAsync(host.Options, "football/" + gameFile, FootballFiles.Bytes(gameFile));
        return await host.RunAsync(FootballJob.Name, Parameters("football/" + playerFile, "football/" + gameFile, "football/summary.csv"), timeout);
    }

    private static JobParameters Parameters(string players, string games, string output) => new(
    [
        new(FootballJob.PlayersParameter, new JobParameter(players)),
        new(FootballJob.GamesParameter, new JobParameter(games)),
        new(FootballJob.OutputParameter, new JobParameter(output)),
    ]);
}
