namespace Conveyor.Infra.Tests;

/// <summary><c>infra/main.bicep</c> and <c>infra/main.bicepparam</c> compile and lint without a single diagnostic.</summary>
public sealed class MainTemplateTests
{
    [Fact]
    public async Task Build_MainTemplate_HasNoDiagnostics()
    {
        var result = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"]);

        result.StandardError.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.StandardOutput.ShouldContain("\"$schema\"");
    }

    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public async Task Lint_InfraFile_HasNoDiagnostics(string fileName)
    {
        File.Exists(InfraPaths.Infra(fileName)).ShouldBeTrue();

        var result = await BicepCli.RunAsync(["lint", fileName]);

        result.StandardError.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
    }
}
