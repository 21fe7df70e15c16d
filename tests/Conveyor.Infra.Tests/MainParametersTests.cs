using System.Text.Json.Nodes;

namespace Conveyor.Infra.Tests;

/// <summary><c>infra/main.bicepparam</c> builds; what differs between deployments comes from the deployer's environment.</summary>
public sealed class MainParametersTests
{
    private static readonly string[] EnvironmentVariables =
        ["CONVEYOR_ENABLE_SAMPLES", "CONVEYOR_EXTERNAL_USER_SERVICE", "CONVEYOR_SUBSCRIBE_UPLOADS"];

    [Fact]
    public async Task BuildParams_NoEnvironment_HasNoDiagnosticsAndLeavesSamplesAndSubscriptionOff()
    {
        var parameters = await BuildParametersAsync(EnvironmentVariables.ToDictionary(name => name, _ => (string?)null));

        parameters["tablePrefix"]!["value"]!.GetValue<string>().ShouldBe("conveyor");
        parameters["enableSamples"]!["value"]!.GetValue<bool>().ShouldBeFalse();
        parameters["externalUserServiceBaseAddress"]!["value"]!.GetValue<string>().ShouldBe("");
        parameters["subscribeUploads"]!["value"]!.GetValue<bool>().ShouldBeFalse();
        parameters.AsObject().ShouldNotContainKey("functionKey");
        parameters.AsObject().ShouldNotContainKey("adminKey");
        parameters.AsObject().ShouldNotContainKey("taskHubName");
    }

    [Fact]
    public async Task BuildParams_Environment_TurnsOnSamplesAndTheUploadsSubscription()
    {
        var parameters = await BuildParametersAsync(new Dictionary<string, string?>
        {
            ["CONVEYOR_ENABLE_SAMPLES"] = "true",
            ["CONVEYOR_EXTERNAL_USER_SERVICE"] = "https://users.example.test/api/",
            ["CONVEYOR_SUBSCRIBE_UPLOADS"] = "true",
        });

        parameters["enableSamples"]!["value"]!.GetValue<bool>().ShouldBeTrue();
        parameters["externalUserServiceBaseAddress"]!["value"]!.GetValue<string>().ShouldBe("https://users.example.test/api/");
        parameters["subscribeUploads"]!["value"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void MainParameters_NamesNoKeyVariable() =>
        File.ReadAllText(InfraPaths.Infra("main.bicepparam")).ShouldNotContain("_KEY", Case.Sensitive);

    private static async Task<JsonNode> BuildParametersAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var result = await BicepCli.RunAsync(["build-params", "main.bicepparam", "--stdout"], environment);

        result.StandardError.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        return JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
    }
}
