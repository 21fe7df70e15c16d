using System.Text.Json.Nodes;

namespace Conveyor.Infra.Tests;

/// <summary>The ARM JSON <c>bicep build</c> makes of <c>infra/main.bicep</c>, built once for the tests that read it.</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    /// <summary>Gets the template as text.</summary>
    public string Json { get; private set; } = "";

    /// <summary>Gets the template.</summary>
    public JsonObject Template { get; private set; } = [];

    /// <summary>Gets the template's variables.</summary>
    public JsonObject Variables => Template["variables"]!.AsObject();

    /// <summary>Gets the function app (Microsoft.Web/sites).</summary>
    public JsonObject FunctionApp => Resources("Microsoft.Web/sites").Single();

    /// <summary>Gets the function app's settings, by name.</summary>
    public Dictionary<string, string> AppSettings =>
        FunctionApp["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());

    /// <summary>Returns the resources of one type.</summary>
    public IReadOnlyList<JsonObject> Resources(string type) =>
        [.. Template["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == type)];

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var result = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"]);
        result.ExitCode.ShouldBe(0, result.StandardError);
        Json = result.StandardOutput;
        Template = JsonNode.Parse(Json)!.AsObject();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
