using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Tables;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Samples.Football;

/// <summary>
/// The <c>football</c> job, Spring Batch's football sample: loads players and games into tables, then writes each
/// player's statistics per year to a CSV blob.
/// </summary>
/// <remarks>
/// <para>
/// Parameters (all required): <c>players</c> and <c>games</c>, the names of the two input blobs in the uploads
/// container (formats on <see cref="Player"/> and <see cref="Game"/>, no header rows); <c>output</c>, the name of the
/// summary blob in the results container.
/// </para>
/// <para>
/// Step <c>playerLoad</c> (chunks of 100) writes the players to <c>{prefix}Players</c>, skipping malformed records
/// with their line numbers (at most 100); step <c>gameLoad</c> (chunks of 1,000) writes the games to
/// <c>{prefix}Games</c>, likewise; step <c>playerSummarization</c> (chunks of 500) sums each player's games per year,
/// drops players not loaded by <c>playerLoad</c>, and writes the CSV <c>playerId,year,completes,attempts,passingYards,
/// passingTd,interceptions,rushes,rushYards,receptions,receptionYards,totalTd</c> with a header row, ordered by year
/// then player. Each job instance has table partitions of its own, so runs on different files do not mix.
/// </para>
/// </remarks>
public static class FootballJob
{
    /// <summary>The job's name.</summary>
    public const string Name = "football";

    /// <summary>The parameter naming the players blob in the uploads container.</summary>
    public const string PlayersParameter = "players";

    /// <summary>The parameter naming the games blob in the uploads container.</summary>
    public const string GamesParameter = "games";

    /// <summary>The parameter naming the summary blob in the results container.</summary>
    public const string OutputParameter = "output";

    /// <summary>Builds the job.</summary>
    /// <param name="options">Where the job reads and writes.</param>
    /// <param name="blobs">The blob service of the uploads and results containers (the app\'s long-lived client).</param>
    /// <param name="tables">The table service of the sample tables (the app\'s long-lived client).</param>
    /// <returns>The job.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static JobDefinition Create(SampleJobsOptions options, BlobServiceClient blobs, TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var storage = new SampleStorage(options, blobs, tables);
        var players = storage.Table(options.PlayersTable);
        var games = storage.Table(options.GamesTable);
        var skipMalformed = new FaultTolerance { Skippable = [typeof(MalformedRecordException)], SkipLimit = 100 };

        var playerLoad = new StepBuilder("playerLoad").Chunk<Player, Player>(100)
            .Reader(context => new CsvItemReader<Player>(
                storage.Uploads.GetBlobClient(Required(context, PlayersParameter)),
                Player.From,
                new CsvItemReaderOptions { HasHeaderRow = false, ColumnNames = Player.Columns }))
            .Writer(context => SampleStorage.CreatingTable(players, new TableItemWriter<Player>(players, p => p.ToEntity(SampleStorage.RunKey(context)))))
            .FaultTolerant(skipMalformed)
            .Build();

        var gameLoad = new StepBuilder("gameLoad").Chunk<Game, Game>(1000)
            .Reader(context => new CsvItemReader<Game>(
                storage.Uploads.GetBlobClient(Required(context, GamesParameter)),
                Game.From,
                new CsvItemReaderOptions { HasHeaderRow = false, ColumnNames = Game.Columns }))
            .Writer(context => SampleStorage.CreatingTable(games, new TableItemWriter<Game>(games, g => g.ToEntity(SampleStorage.RunKey(context)))))
            .FaultTolerant(skipMalformed)
            .Build();

        var playerSummarization = new StepBuilder("playerSummarization").Chunk<PlayerSummary, PlayerSummary>(500)
            .Reader(context => new GameSummaryReader(games, SampleStorage.RunKey(context)))
            .Processor(context => new ExistingPlayerFilter(players, SampleStorage.RunKey(context)))
            .Writer(context => SampleStorage.CreatingContainer(
                storage.Results,
                new BlobItemWriter<PlayerSummary>(
                    storage.Results.GetBlobClient(Required(context, OutputParameter)),
                    new BlobItemWriterOptions<PlayerSummary> { Header = PlayerSummary.Header, CsvFields = s => s.Fields() })))
            .Build();

        return new JobBuilder(Name)
            .Start(playerLoad)
            .Next(gameLoad)
            .Next(playerSummarization)
            .Validator([PlayersParameter, GamesParameter, OutputParameter])
            .Build();
    }

    private static string Required(StepContext context, string name) =>
        context.Parameters.GetString(name) ?? throw new InvalidOperationException($"The parameter '{name}' is required.");
}
