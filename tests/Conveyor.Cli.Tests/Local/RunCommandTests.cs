using Azure.Storage.Blobs;
using Conveyor.Batch.IO.Memory;
using Conveyor.Cli.Local;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Cli.Tests.Local;

public sealed class RunCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_SmallJob_ExitsZeroWithSummaryCounts()
    {
        var result = await RunAsync(["run", "numbers", "--param", "run:long=1"], (registry, _) => registry.Add(TestJobs.Numbers()));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.ShouldContain("Started job numbers execution");
        result.Output.ShouldContain("  count: COMPLETED (read 95, written 86, filtered 9)");
        SummaryRow(result, "count")[..7].ShouldBe(["count", "COMPLETED", "95", "86", "9", "0", "11"]); // 10 chunks and the empty read at the end.
        result.Output.ShouldContain(": COMPLETED in ");
    }

    [Fact]
    public async Task Run_OnATerminal_DrawsProgressBarsThenTheSummary()
    {
        var (hub, prefix) = Names();

        var result = await CliHarness.RunAsync(
            ["run", "numbers", "--param", "run:long=1", "--storage", azurite.ConnectionString, "--task-hub", hub, "--table-prefix", prefix],
            (registry, _) => registry.Add(TestJobs.Numbers()),
            interactive: true);

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.ShouldContain("\u001b[");            // ANSI: cursor movement and colours of the live display.
        result.Output.ShouldContain("━");                  // A progress bar.
        result.Output.ShouldContain("100%");
        result.Output.ShouldContain("read 95, written 86, filtered 9");
        result.Output.ShouldContain("COMPLETED");
    }

    [Fact]
    public async Task Run_FailingJob_ExitsOneWithTheFailure_ThenRunAgainWithANonIdentifyingFix_Restarts()
    {
        JobCatalog jobs = (registry, _) => registry.Add(TestJobs.Failing());
        var names = Names();

        var failed = await RunAsync(["run", "failing", "--param", "run:long=1"], jobs, names);
        var restarted = await RunAsync(["run", "failing", "--param", "run:long=1", "--param", "fail=no", "--non-identifying", "fail"], jobs, names);

        failed.ExitCode.ShouldBe(ExitCodes.JobNotCompleted, failed.ToString());
        SummaryRow(failed, "explode")[1].ShouldBe("FAILED");
        failed.Output.ShouldContain("planned failure at 3");
        restarted.ExitCode.ShouldBe(ExitCodes.Ok, restarted.ToString());
        restarted.Output.ShouldContain("(restart of ");
        SummaryRow(restarted, "explode")[..7].ShouldBe(["explode", "COMPLETED", "4", "4", "0", "0", "3"]); // Resumed after the committed chunk [1, 2].
    }

    [Fact]
    public async Task Run_WithFile_UploadsItAndPassesItsBlobName()
    {
        var container = AzuriteFixture.UniqueName("in");
        var writer = new InMemoryItemWriter<string>();
        var file = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("values") + ".csv");
        await File.WriteAllTextAsync(file, "value\na\nb\nc\nd\ne\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await RunAsync(
                ["run", "lines", "--file", file], (registry, context) => registry.Add(TestJobs.Lines(context.Services.GetRequiredService<BlobServiceClient>(), container, writer: writer)));

            result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
            result.Output.ShouldContain($"to {container}/in/{Path.GetFileName(file)}.");
            writer.Items.ShouldBe(["a", "b", "c", "d", "e"]);
            SummaryRow(result, "load").Take(4).ShouldBe(["load", "COMPLETED", "5", "5"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Run_UnknownJob_ExitsTwoNamingTheJobs()
    {
        var result = await RunAsync(["run", "nope"], (registry, _) => registry.Add(TestJobs.Numbers()));

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("error: no job named 'nope'");
        result.Error.ShouldContain("jobs: numbers");
    }

    [Fact]
    public async Task Run_MissingRequiredParameter_ExitsTwoNamingIt()
    {
        var result = await RunAsync(["run", "failing"], (registry, _) => registry.Add(TestJobs.Failing()));

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("error: invalid job parameters for 'failing'");
        result.Error.ShouldContain("'run'");
    }

    [Fact]
    public async Task Run_FileForAJobWithoutInput_ExitsTwo()
    {
        var result = await RunAsync(["run", "numbers", "--file", "whatever.csv"], (registry, _) => registry.Add(TestJobs.Numbers()));

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("job 'numbers' declares no input files");
    }

    [Fact]
    public async Task Run_CatalogThatCannotBuildItsJobs_ExitsThreeWithItsMessage()
    {
        var result = await RunAsync(["run", "numbers"], (_, _) => throw new ArgumentException("Invalid sample job options: BaseAddress is required."));

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldBe("error: ArgumentException: Invalid sample job options: BaseAddress is required." + Environment.NewLine);
    }

    [Fact]
    public async Task Run_CompletedInstanceAgain_ExitsThree()
    {
        JobCatalog jobs = (registry, _) => registry.Add(TestJobs.Numbers(count: 5));
        var names = Names();
        (await RunAsync(["run", "numbers", "--param", "run:long=2"], jobs, names)).ExitCode.ShouldBe(ExitCodes.Ok);

        var again = await RunAsync(["run", "numbers", "--param", "run:long=2"], jobs, names);

        again.ExitCode.ShouldBe(ExitCodes.ServerError, again.ToString());
        again.Error.ShouldContain("error:");
        again.Error.ShouldContain("complete", Case.Insensitive);
    }

    private static (string Hub, string Prefix) Names() => (AzuriteFixture.UniqueName("hub"), AzuriteFixture.UniqueName("run"));

    /// <summary>The cells of a step's row in the summary table.</summary>
    private static string[] SummaryRow(CliResult result, string step) =>
        result.Output.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .LastOrDefault(cells => cells.Length >= 8 && cells[0] == step)
            .ShouldNotBeNull($"no summary row for '{step}' in:\n{result}");

    private Task<CliResult> RunAsync(string[] args, JobCatalog jobs, (string Hub, string Prefix)? names = null)
    {
        var (hub, prefix) = names ?? Names();
        return CliHarness.RunAsync([.. args, "--storage", azurite.ConnectionString, "--task-hub", hub, "--table-prefix", prefix], jobs);
    }
}
