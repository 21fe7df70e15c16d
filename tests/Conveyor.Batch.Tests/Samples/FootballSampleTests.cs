using System.Globalization;
using Conveyor.Batch.Core;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Tables;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Storage.Tables;
using Conveyor.Testing;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.Samples;

/// <summary>
/// Spring Batch's football sample in three steps: players into a table, games into a table, then the game statistics
/// summed per player and year (players that exist only) into a CSV blob.
/// </summary>
public sealed class FootballSampleTests(AzuriteFixture azurite)
{
    private static readonly string[] PlayerColumns = ["ID", "lastName", "firstName", "position", "birthYear", "debutYear"];

    private static readonly string[] GameColumns =
        ["id", "year", "team", "week", "opponent", "completes", "attempts", "passingYards", "passingTd", "interceptions", "rushes", "rushYards", "receptions", "receptionYards", "totalTd"];

    private static readonly string[] StatColumns = GameColumns[5..];

    private static readonly string[] SummaryHeader = ["playerId", "year", .. StatColumns];

    // The full files (4,320 players, 56,377 games, 5,939 player-years) need several partition activities per step under
    // the test host's 2 s budget, so the summary reader's saved position is what lets the last step finish.
    [Theory]
    [InlineData("player.csv", "games.csv")]
    [InlineData("player-small1.csv", "games-small.csv")]
    [InlineData("player-small2.csv", "games-small.csv")] // AbduKa00 is not in player-small2.csv: the one summary is filtered out.
    public async Task FootballJob_LoadsPlayersAndGames_ThenWritesExactSummaries(string playerFile, string gameFile)
    {
        var expected = Expected(playerFile, gameFile);
        var run = await RunAsync(playerFile, gameFile);
        await using var host = run.Host;

        run.Execution.Status.ShouldBe(BatchStatus.Completed);
        (run.Players.ReadCount, run.Players.ReadSkipCount, run.Players.WriteCount).ShouldBe((expected.PlayerLines, 0L, expected.PlayerLines));
        (run.Games.ReadCount, run.Games.WriteCount).ShouldBe((expected.GameLines, expected.GameLines));
        (run.Summaries.ReadCount, run.Summaries.FilterCount, run.Summaries.WriteCount)
            .ShouldBe((expected.Groups, expected.Groups - expected.Lines.Length, (long)expected.Lines.Length));
        run.Output[0].ShouldBe(string.Join(',', SummaryHeader));
        run.Output[1..].Order(StringComparer.Ordinal).ShouldBe(expected.Lines);
        if (playerFile == "player-small2.csv")
        {
            (expected.Groups, expected.Lines.Length).ShouldBe((1L, 0));
            run.Output.ShouldBe([string.Join(',', SummaryHeader)]);
        }

        if (playerFile == "player-small1.csv")
        {
            // games-small.csv is 5 games of AbduKa00 in 1996 (a player of player-small1.csv, line 1): rushes
            // 29+18+18+16+18, rush yards 104+70+59+57+39, receptions empty (0), reception yards 16+11+0+0+7, TDs 2+2.
            run.Output.ShouldBe([string.Join(',', SummaryHeader), "AbduKa00,1996,0,0,0,0,0,99,329,0,34,4"]);
        }
    }

    [Fact]
    public async Task FootballJob_PlayersWithBadRecords_CompletesWithTheMalformedLinesSkipped()
    {
        var run = await RunAsync("player-containsBadRecords.csv", "games-small.csv");
        await using var host = run.Host;

        // player-containsBadRecords.csv has 20 lines. Lines 7, 9 and 11 have 5 fields; line 17 has "rb" as debutYear;
        // line 15 ("AdamTo02,Adamle,Tony,rb,,1950") has an empty birthYear, which a Player with an int birth year refuses
        // too (the IO tests parse only debutYear, so they see 4). 20 - 5 = 15 players load.
        run.Execution.Status.ShouldBe(BatchStatus.Completed);
        (run.Players.ReadCount, run.Players.ReadSkipCount, run.Players.WriteCount).ShouldBe((15L, 5L, 15L));
        var skips = await host.Repository.GetSkippedItemsAsync(run.Execution.ExecutionId, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        skips.Select(s => (s.StepName, s.Phase, s.LineNumber)).OrderBy(s => s.LineNumber)
            .ShouldBe([("playerLoad", "read", (long?)7), ("playerLoad", "read", 9), ("playerLoad", "read", 11), ("playerLoad", "read", 15), ("playerLoad", "read", 17)]);
        skips.Single(s => s.LineNumber == 7).Input.ShouldNotBeNull().Trim().ShouldBe("AdamCu00,Adams,Curtis,rb,1962");
        skips.ShouldAllBe(s => s.Reason.StartsWith(nameof(MalformedRecordException) + ":", StringComparison.Ordinal));

        // AbduKa00 (line 1) is well formed, so the one summary of games-small.csv is written.
        run.Output.ShouldBe([string.Join(',', SummaryHeader), "AbduKa00,1996,0,0,0,0,0,99,329,0,34,4"]);
    }

    /// <summary>The expected summary lines, computed from the files with plain LINQ (no reader, no tables).</summary>
    private static (long PlayerLines, long GameLines, long Groups, string[] Lines) Expected(string playerFile, string gameFile)
    {
        var playerLines = SampleData.Lines(playerFile);
        var players = playerLines.Select(l => l.Split(','))
            .Where(f => f.Length == 6 && int.TryParse(f[4], CultureInfo.InvariantCulture, out _) && int.TryParse(f[5], CultureInfo.InvariantCulture, out _))
            .Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
        var games = SampleData.Lines(gameFile).Select(l => l.Split(',')).ToArray();
        var groups = games.GroupBy(g => (Id: g[0], Year: g[1])).ToArray();
        var lines = groups.Where(g => players.Contains(g.Key.Id))
            .Select(g => string.Join(',', [g.Key.Id, g.Key.Year, .. Enumerable.Range(5, 10).Select(i => g.Sum(f => f[i].Length == 0 ? 0 : int.Parse(f[i], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture))]))
            .Order(StringComparer.Ordinal).ToArray();
        return (playerLines.Length, games.Length, groups.Length, lines);
    }

    private async Task<Run> RunAsync(string playerFile, string gameFile)
    {
        var container = await SampleData.ContainerAsync(azurite);
        var playerBlob = await SampleData.UploadAsync(container, playerFile);
        var gameBlob = await SampleData.UploadAsync(container, gameFile);
        var output = container.GetBlobClient("summaries.csv");
        var playerTable = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("players"));
        var gameTable = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("games"));
        await playerTable.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        await gameTable.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        var malformed = new FaultTolerance { Skippable = [typeof(MalformedRecordException)], SkipLimit = 10 };

        var playerLoad = new StepBuilder("playerLoad").Chunk<Player, Player>(100)
            .Reader(_ => new CsvItemReader<Player>(playerBlob, Player.From, new CsvItemReaderOptions { HasHeaderRow = false, ColumnNames = PlayerColumns }))
            .Writer(_ => new TableItemWriter<Player>(playerTable, Player.ToEntity))
            .FaultTolerant(malformed)
            .Build();
        var gameLoad = new StepBuilder("gameLoad").Chunk<Game, Game>(1000)
            .Reader(_ => new CsvItemReader<Game>(gameBlob, Game.From, new CsvItemReaderOptions { HasHeaderRow = false, ColumnNames = GameColumns }))
            .Writer(_ => new TableItemWriter<Game>(gameTable, Game.ToEntity))
            .Build();
        var summarize = new StepBuilder("summarize").Chunk<Summary, Summary>(500)
            .Reader(_ => new SummaryReader(gameTable))
            .Processor(_ => new ExistingPlayerFilter(playerTable))
            .Writer(_ => new BlobItemWriter<Summary>(output, new BlobItemWriterOptions<Summary> { Header = SummaryHeader, CsvFields = s => s.Fields() }))
            .Build();
        var job = new JobBuilder("footballJob").Start(playerLoad).Next(gameLoad).Next(summarize).Build();
        var host = await BatchTestHost.StartAsync(azurite, job);
        var done = await host.WaitAsync(await host.Launcher.RunAsync("footballJob", new JobParameters()));
        async Task<StepExecution> Step(string name) => (await host.Repository.GetStepExecutionAsync(done.ExecutionId, name)).ShouldNotBeNull();
        var lines = done.Status == BatchStatus.Completed ? await SampleData.DownloadLinesAsync(output) : [];
        return new Run(host, done, await Step("playerLoad"), await Step("gameLoad"), await Step("summarize"), lines);
    }

    private sealed record Run(BatchTestHost Host, JobExecution Execution, StepExecution Players, StepExecution Games, StepExecution Summaries, string[] Output);

    private sealed record Player(string Id, string LastName, string FirstName, string Position, int BirthYear, int DebutYear)
    {
        public static Player From(CsvRecordView r) =>
            new(r["ID"], r["lastName"], r["firstName"], r["position"], r.Parse<int>("birthYear"), r.Parse<int>("debutYear"));

        public static TableEntity ToEntity(Player p) => new("player", p.Id)
        {
            ["lastName"] = p.LastName,
            ["firstName"] = p.FirstName,
            ["position"] = p.Position,
            ["birthYear"] = p.BirthYear,
            ["debutYear"] = p.DebutYear,
        };
    }

    /// <summary>A game line; <see cref="Line"/> makes the row key unique (games.csv repeats some lines exactly).</summary>
    private sealed record Game(string Id, int Year, string Team, int Week, string Opponent, int[] Stats, long Line)
    {
        public static Game From(CsvRecordView r) =>
            new(r["id"], r.Parse<int>("year"), r["team"], r.Parse<int>("week"), r["opponent"],
                [.. StatColumns.Select(c => r[c].Length == 0 ? 0 : int.Parse(r[c], CultureInfo.InvariantCulture))], r.LineNumber ?? 0);

        /// <summary>Partition by year, rows by player then line: a query returns each player's year consecutively.</summary>
        public static TableEntity ToEntity(Game g)
        {
            var entity = new TableEntity(g.Year.ToString("D4", CultureInfo.InvariantCulture), $"{g.Id}-{g.Line:D7}")
            {
                ["playerId"] = g.Id,
                ["year"] = g.Year,
                ["team"] = g.Team,
                ["week"] = g.Week,
                ["opponent"] = g.Opponent,
            };
            for (var i = 0; i < StatColumns.Length; i++)
            {
                entity[StatColumns[i]] = g.Stats[i];
            }

            return entity;
        }
    }

    private sealed record Summary(string PlayerId, int Year, int[] Stats)
    {
        public IReadOnlyList<string?> Fields() =>
            [PlayerId, Year.ToString(CultureInfo.InvariantCulture), .. Stats.Select(s => s.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>Reads the games table in key order and sums consecutive rows of one player and year into one summary.</summary>
    /// <remarks>
    /// Saves its position at every commit: the keys of the first row of the next summary (the row it has read ahead),
    /// or that it is done. Opened with them, it queries from that row on, so a rescheduled partition continues with the
    /// next summary instead of starting the table again.
    /// </remarks>
    private sealed class SummaryReader(TableClient games) : IItemReader<Summary>, IItemStream
    {
        private const string NextKey = "summaries.next";
        private const string DoneKey = "summaries.done";
        private string[]? _from;
        private IAsyncEnumerator<TableEntity>? _rows;
        private TableEntity? _pending;
        private bool _done;

        public async ValueTask<ReadResult<Summary>> ReadAsync(CancellationToken cancellationToken = default)
        {
            _rows ??= games.QueryAsync(_from is [var pk, var rk] ? TableClient.CreateQueryFilter($"PartitionKey gt {pk} or (PartitionKey eq {pk} and RowKey ge {rk})") : null, cancellationToken: cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            if (_pending is null)
            {
                if (_done || !await _rows.MoveNextAsync())
                {
                    _done = true;
                    return ReadResult.End<Summary>();
                }

                _pending = _rows.Current;
            }

            var id = _pending.GetString("playerId").ShouldNotBeNull();
            var year = _pending.GetInt32("year").ShouldNotBeNull();
            var stats = new int[StatColumns.Length];
            var row = _pending;
            _pending = null;
            while (true)
            {
                for (var i = 0; i < stats.Length; i++)
                {
                    stats[i] += row.GetInt32(StatColumns[i]).ShouldNotBeNull();
                }

                if (!await _rows.MoveNextAsync())
                {
                    _done = true;
                    break;
                }

                row = _rows.Current;
                if (row.GetString("playerId") != id || row.GetInt32("year") != year)
                {
                    _pending = row;
                    break;
                }
            }

            return ReadResult.Of(new Summary(id, year, stats));
        }

        public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
        {
            _done = executionContext.Get(DoneKey, false);
            _from = executionContext.Get<string[]?>(NextKey);
            return Task.CompletedTask;
        }

        public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
        {
            executionContext.Put(DoneKey, _done && _pending is null);
            if (_pending is not null)
            {
                executionContext.Put(NextKey, new[] { _pending.PartitionKey, _pending.RowKey });
            }

            return Task.CompletedTask;
        }

        public async Task CloseAsync(CancellationToken cancellationToken = default)
        {
            if (_rows is not null)
            {
                await _rows.DisposeAsync();
            }
        }
    }

    /// <summary>Filters out (returns null for) summaries of players that are not in the players table.</summary>
    private sealed class ExistingPlayerFilter(TableClient players) : IItemProcessor<Summary, Summary>
    {
        private HashSet<string>? _ids;

        public async ValueTask<Summary?> ProcessAsync(Summary item, CancellationToken cancellationToken = default)
        {
            if (_ids is null)
            {
                _ids = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var player in players.QueryAsync(cancellationToken: cancellationToken))
                {
                    _ids.Add(player.RowKey);
                }
            }

            return _ids.Contains(item.PlayerId) ? item : null;
        }
    }
}
