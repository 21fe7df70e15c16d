using System.Text.Json.Nodes;

namespace Conveyor.Infra.Tests;

/// <summary><c>infra/main.bicepparam</c> builds, and the app's keys come from the deployer's environment, not the file.</summary>
public sealed class MainParametersTests
{
    [Fact]
    public async Task BuildParams_MainParameters_HasNoDiagnosticsAndTakesKeysFromEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["CONVEYOR_FUNCTION_KEY"] = "function-key-from-environment",
            ["CONVEYOR_ADMIN_KEY"] = "admin-key-from-environment",
        };

        var result = await BicepCli.RunAsync(["build-params", "main.bicepparam", "--stdout"], environment);

        result.StandardError.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        parameters["functionKey"]!["value"]!.GetValue<string>().ShouldBe("function-key-from-environment");
        parameters["adminKey"]!["value"]!.GetValue<string>().ShouldBe("admin-key-from-environment");
        parameters["taskHubName"]!["value"]!.GetValue<string>().ShouldBe("conveyor");
        File.ReadAllText(InfraPaths.Infra("main.bicepparam")).ShouldNotContain("key-from-environment");
    }
}
