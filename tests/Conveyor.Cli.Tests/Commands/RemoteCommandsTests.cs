using System.Text.RegularExpressions;
using Conveyor.Testing;

namespace Conveyor.Cli.Tests.Commands;

/// <summary>
/// The remote commands against the real app in-process (WebApplicationFactory on Azurite). <c>jobs</c> and the key
/// checks use endpoints the app skeleton has; the others need the job and execution endpoints of the API contract.
/// </summary>
public sealed partial class RemoteCommandsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Jobs_ListsTheAppsJobs()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("jobs"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        foreach (var job in new[] { "numbers", "failing", "slow", "lines" })
        {
            result.Output.ShouldContain($"│ {job} ");
        }

        result.Output.ShouldContain($"{app.InputContainer}/in/ → input.file");
    }

    [Fact]
    public async Task Jobs_WithoutKey_ExitsThreeSayingAKeyIsNeeded()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(["jobs", "--url", app.Server.BaseAddress.AbsoluteUri], handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldContain("error: Unauthorized: This endpoint needs a function key");
        result.Error.ShouldContain("pass --key <key> or set $CONVEYOR_KEY");
    }

    [Fact]
    public async Task Jobs_KeyFromEnvironment_IsSent_AndNeverPrinted()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(
            ["jobs", "--url", app.Server.BaseAddress.AbsoluteUri], handler: app.Handler, variables: new Dictionary<string, string> { ["CONVEYOR_KEY"] = ConveyorApp.FunctionKey });

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.ToString().ShouldNotContain(ConveyorApp.FunctionKey);
    }

    // Needs POST /api/jobs/{job} and GET /api/executions/{id}.
    [Fact]
    public async Task Submit_Wait_FollowsTheStatusAndPrintsTheSummary()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("submit", "numbers", "--param", "run:long=1", "--wait"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.ShouldContain("Started job numbers execution");
        result.Output.ShouldMatch(@"│ count\s+│ COMPLETED\s+│\s+95 │\s+86 │\s+9 │");
    }

    // Needs POST /api/jobs/{job} (404 problem details).
    [Fact]
    public async Task Submit_UnknownJob_PrintsTheProblemAndExitsThree()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("submit", "nope"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldStartWith("error: No such job: ");
        result.Error.ShouldContain("nope");
    }

    // Needs POST /api/jobs/{job} (400 problem details with errors).
    [Fact]
    public async Task Submit_MissingParameter_PrintsEachParameterError()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("submit", "failing", "--param", "surprise=1"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldStartWith("error: Invalid job parameters: ");
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        errors.Count.ShouldBe(2, result.ToString());
        errors.ShouldContain(l => l.Contains("'run'", StringComparison.Ordinal));
        errors.ShouldContain(l => l.Contains("'surprise'", StringComparison.Ordinal));
    }

    // Needs POST /api/jobs/{job} and GET /api/executions/{id}.
    [Fact]
    public async Task Submit_FailingJob_WaitExitsOneWithTheFailure()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("submit", "failing", "--param", "run:long=1", "--wait"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.JobNotCompleted, result.ToString());
        result.Output.ShouldContain("FAILED");
        result.Output.ShouldContain("planned failure at 3");
    }

    // Needs POST /api/jobs/{job}, GET /api/executions/{id} and GET /api/executions.
    [Fact]
    public async Task Submit_ThenStatusAndExecutions_FindTheExecution()
    {
        await using var app = new ConveyorApp(azurite);
        var submitted = await CliHarness.RunAsync(app.Remote("submit", "numbers", "--param", "run:long=7", "--param", "note=x", "--non-identifying", "note"), handler: app.Handler);
        submitted.ExitCode.ShouldBe(ExitCodes.Ok, submitted.ToString());
        var id = ExecutionId(submitted);

        var watched = await CliHarness.RunAsync(app.Remote("status", id, "--watch"), handler: app.Handler);
        var status = await CliHarness.RunAsync(app.Remote("status", id), handler: app.Handler);
        var byParameter = await CliHarness.RunAsync(app.Remote("executions", "--job", "numbers", "--param", "run=7", "--status", "completed"), handler: app.Handler);
        var byOtherValue = await CliHarness.RunAsync(app.Remote("list", "--job", "numbers", "--param", "run=8"), handler: app.Handler);

        watched.ExitCode.ShouldBe(ExitCodes.Ok, watched.ToString());
        watched.Output.ShouldContain($"execution {id}: COMPLETED");
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        status.Output.ShouldMatch(@"│ count\s+│ COMPLETED\s+│\s+95 │\s+86 │");
        byParameter.ExitCode.ShouldBe(ExitCodes.Ok, byParameter.ToString());
        byParameter.Output.ShouldContain(id);
        byParameter.Output.ShouldContain("run=7");
        byOtherValue.Output.ShouldNotContain(id);
    }

    // Needs GET /api/executions/{id} (404 problem details).
    [Fact]
    public async Task Status_UnknownExecution_ExitsThree()
    {
        await using var app = new ConveyorApp(azurite);

        var result = await CliHarness.RunAsync(app.Remote("status", "0123456789abcdef"), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldStartWith("error: No such job execution");
    }

    // Needs POST /api/jobs/{job}, /api/executions/{id}/stop and /restart, GET /api/executions/{id}.
    [Fact]
    public async Task Stop_ThenRestart_StopsAndCompletes()
    {
        await using var app = new ConveyorApp(azurite);
        var submitted = await CliHarness.RunAsync(app.Remote("submit", "slow", "--param", "run:long=1"), handler: app.Handler);
        var id = ExecutionId(submitted);

        var stopped = await CliHarness.RunAsync(app.Remote("stop", id, "--wait"), handler: app.Handler);
        var restarted = await CliHarness.RunAsync(app.Remote("restart", id, "--wait"), handler: app.Handler);

        stopped.ExitCode.ShouldBe(ExitCodes.JobNotCompleted, stopped.ToString());
        stopped.Output.ShouldContain($"execution {id}: STOPPED");
        restarted.ExitCode.ShouldBe(ExitCodes.Ok, restarted.ToString());
        ExecutionId(restarted).ShouldNotBe(id);
        restarted.Output.ShouldMatch(@"│ crawl\s+│ COMPLETED\s+│");
    }

    // Needs POST /api/executions/{id}/restart (409 problem details).
    [Fact]
    public async Task Restart_CompletedExecution_ExitsThreeWithTheConflict()
    {
        await using var app = new ConveyorApp(azurite);
        var done = await CliHarness.RunAsync(app.Remote("submit", "numbers", "--param", "run:long=3", "--wait"), handler: app.Handler);
        done.ExitCode.ShouldBe(ExitCodes.Ok, done.ToString());

        var result = await CliHarness.RunAsync(app.Remote("restart", ExecutionId(done)), handler: app.Handler);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldStartWith("error: ");
        result.Error.ShouldContain("restart", Case.Insensitive);
    }

    // Needs POST /api/jobs/{job}/files and GET /api/executions/{id}.
    [Theory]
    [InlineData("upload")]
    [InlineData("submit")]
    public async Task UploadOrSubmitFile_StoresTheFileAndRunsTheJobOnIt(string command)
    {
        await using var app = new ConveyorApp(azurite);
        var file = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("values") + ".csv");
        await File.WriteAllTextAsync(file, "value\na\nb\nc\nd\n", TestContext.Current.CancellationToken);
        try
        {
            string[] args = command == "upload" ? ["upload", "lines", file, "--name", "batch-1.csv", "--wait"] : ["submit", "lines", "--file", file, "--wait"];

            var result = await CliHarness.RunAsync(app.Remote(args), handler: app.Handler);

            result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
            result.Output.ShouldContain($"as {(command == "upload" ? "batch-1.csv" : Path.GetFileName(file))}.");
            result.Output.ShouldMatch(@"│ load\s+│ COMPLETED\s+│\s+4 │\s+4 │");
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Needs POST /api/jobs/{job}/files (400 for a path-traversing name is refused by the CLI before sending).
    [Fact]
    public async Task Upload_TraversingName_IsRefusedBeforeSending()
    {
        var result = await CliHarness.RunAsync(["upload", "lines", "any.csv", "--name", "../x.csv", "--url", "http://127.0.0.1:9"]);

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("'..'");
    }

    private static string ExecutionId(CliResult result) =>
        StartedLine().Match(result.Output) is { Success: true } match ? match.Groups[1].Value : throw new ShouldAssertException($"no started execution in:\n{result}");

    [GeneratedRegex(@"Started job \S+ execution (\S+) \(")]
    private static partial Regex StartedLine();
}
