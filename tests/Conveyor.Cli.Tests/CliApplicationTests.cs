using System.Net;
using System.Net.Sockets;

namespace Conveyor.Cli.Tests;

public sealed class CliApplicationTests
{
    [Fact]
    public async Task InvokeAsync_BadParamSyntax_ExitsTwoWithMessage()
    {
        var result = await CliHarness.RunAsync(["submit", "numbers", "--param", "oops"]);

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("error: invalid --param 'oops': expected name=value");
        result.Error.ShouldContain("conveyor submit --help");
    }

    [Fact]
    public async Task InvokeAsync_BadTypedParamAndDuplicate_ReportsEach()
    {
        var result = await CliHarness.RunAsync(["run", "numbers", "-p", "n:long=x", "-p", "a=1", "-p", "a=2"]);

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("'x' is not a long");
        result.Error.ShouldContain("'a' is given twice");
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "submit" }, "Required argument missing")]
    [InlineData(new[] { "jobs", "--bogus" }, "--bogus")]
    [InlineData(new[] { "executions", "--status", "sleeping" }, "invalid --status 'sleeping'")]
    [InlineData(new[] { "executions", "--top", "0" }, "--top must be 1 to 1000")]
    [InlineData(new[] { "jobs", "--url", "ftp://x" }, "invalid --url 'ftp://x'")]
    public async Task InvokeAsync_UsageError_ExitsTwo(string[] args, string message)
    {
        var result = await CliHarness.RunAsync(args);

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain(message, Case.Insensitive);
    }

    [Fact]
    public async Task InvokeAsync_NonIdentifyingWithoutParam_ExitsTwo()
    {
        var result = await CliHarness.RunAsync(["submit", "numbers", "--param", "a=1", "--non-identifying", "b"]);

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Error.ShouldContain("--non-identifying names no --param: b");
    }

    [Fact]
    public async Task InvokeAsync_UploadWithTypedParameterOrMissingFile_ExitsTwo()
    {
        var typed = await CliHarness.RunAsync(["upload", "lines", "data.csv", "--param", "run:long=1"]);
        var missing = await CliHarness.RunAsync(["upload", "lines", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv")]);

        typed.ExitCode.ShouldBe(ExitCodes.Usage, typed.ToString());
        typed.Error.ShouldContain("typed parameters are not allowed: run");
        missing.ExitCode.ShouldBe(ExitCodes.Usage, missing.ToString());
        missing.Error.ShouldContain("file not found");
    }

    [Fact]
    public async Task InvokeAsync_Help_ListsCommandsParameterSyntaxAndExitCodes()
    {
        var result = await CliHarness.RunAsync(["--help"]);

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        foreach (var command in new[] { "run", "submit", "upload", "status", "executions", "jobs", "stop", "restart" })
        {
            result.Output.ShouldContain($"  {command}");
        }

        result.Output.ShouldContain("name:long=5");
        result.Output.ShouldContain("--non-identifying");
        result.Output.ShouldContain("Exit codes: 0 ok");
        result.Output.ShouldContain("2 usage error");
    }

    [Fact]
    public async Task InvokeAsync_NothingListening_ExitsThreeNamingTheUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliHarness.RunAsync(["jobs", "--url", $"http://127.0.0.1:{port}"]);

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldContain($"error: cannot reach the Conveyor app at http://127.0.0.1:{port}/");
        result.Error.ShouldContain("--url");
    }

    [Fact]
    public async Task InvokeAsync_UrlFromEnvironment_IsUsed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliHarness.RunAsync(["executions"], variables: new Dictionary<string, string> { ["CONVEYOR_URL"] = $"http://127.0.0.1:{port}" });

        result.ExitCode.ShouldBe(ExitCodes.ServerError, result.ToString());
        result.Error.ShouldContain($"http://127.0.0.1:{port}/");
    }
}
