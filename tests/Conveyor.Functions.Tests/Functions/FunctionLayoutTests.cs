using System.Text.Json;

namespace Conveyor.Functions.Tests.Functions;

/// <summary>The custom-handler layout the build (and publish) puts next to the app: host.json and one folder per function.</summary>
public sealed class FunctionLayoutTests
{
    private static readonly string Output = AppContext.BaseDirectory;

    [Fact]
    public void HostJson_NamesTheAppAsCustomHandlerWithForwarding()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");

        var executable = handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        File.Exists(Path.Combine(Output, executable + ".dll")).ShouldBeTrue();
        handler.GetProperty("enableForwardingHttpRequest").GetBoolean().ShouldBeTrue();
        host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString().ShouldBe(string.Empty);
    }

    [Fact]
    public void FunctionFolders_EachHoldAFunctionJsonWithOneTrigger()
    {
        var functions = Directory.GetDirectories(Output).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).ToList();

        functions.ShouldBe(["BlobInput", "HttpApi", "HttpDurableManagement"], ignoreOrder: true);
        foreach (var function in functions)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, function!, "function.json")));
            json.RootElement.GetProperty("bindings").EnumerateArray().Count(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).ShouldBe(1, function);
        }
    }

    [Fact]
    public void HttpFunctions_ForwardOnlyTheApiAndTheManagementApi()
    {
        Trigger("HttpApi").GetProperty("route").GetString().ShouldBe("api/{*path}");
        Trigger("HttpDurableManagement").GetProperty("route").GetString().ShouldBe("runtime/webhooks/durabletask/{*path}");
    }

    [Fact]
    public void BlobInput_ListensOnTheInputContainer()
    {
        Trigger("BlobInput").GetProperty("path").GetString().ShouldBe("%CONVEYOR_INPUT_CONTAINER%/{name}");
    }

    private static JsonElement Trigger(string function)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, function, "function.json")));
        return json.RootElement.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone();
    }
}
