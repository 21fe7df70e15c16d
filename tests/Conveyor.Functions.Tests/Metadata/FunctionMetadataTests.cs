using System.Text.Json.Nodes;
using Conveyor.Api;
using Conveyor.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Functions.Tests.Metadata;

/// <summary>
/// The function metadata the Functions host indexes: the build's <c>functions.metadata</c> (HTTP and blob triggers),
/// and, after the Durable extension's metadata transformer, one orchestration or activity function per Conveyor task.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly IReadOnlyDictionary<string, string> ConveyorTasks = new Dictionary<string, string>
    {
        ["ConveyorJob"] = "orchestrationTrigger",
        ["ConveyorPartition"] = "orchestrationTrigger",
        ["ConveyorStartJob"] = "activityTrigger",
        ["ConveyorStartStep"] = "activityTrigger",
        ["ConveyorExecutePartition"] = "activityTrigger",
        ["ConveyorCompleteStep"] = "activityTrigger",
        ["ConveyorDecide"] = "activityTrigger",
        ["ConveyorCompleteJob"] = "activityTrigger",
    };

    [Fact]
    public void HttpFunctions_AreExactlyTheApiRoutes_WithTheirMethodRouteAndKeyLevel()
    {
        var http = Generated().Where(f => Trigger(f)?["type"]?.GetValue<string>() == "httpTrigger").ToList();

        http.Select(f => f["name"]!.GetValue<string>()).Order().ShouldBe(ApiRoutes.All.Select(r => r.Name).Order());
        foreach (var route in ApiRoutes.All)
        {
            var function = http.Single(f => f["name"]!.GetValue<string>() == route.Name);
            var trigger = Trigger(function)!;
            trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ShouldBe([route.Method], route.Name);
            trigger["route"]!.GetValue<string>().ShouldBe(route.Template, route.Name);
            trigger["authLevel"]!.GetValue<string>().ShouldBe(route.Level.ToString(), route.Name);
        }
    }

    [Fact]
    public void UploadTrigger_WatchesUploadsOnTheHostsStorage_FromEventGrid()
    {
        var function = Generated().Single(f => f["name"]!.GetValue<string>() == "StartJobsOnUpload");

        var trigger = Trigger(function)!;
        trigger["type"]!.GetValue<string>().ShouldBe("blobTrigger");
        trigger["path"]!.GetValue<string>().ShouldBe("uploads/{name}");
        trigger["connection"]!.GetValue<string>().ShouldBe("AzureWebJobsStorage");
        trigger["source"]!.GetValue<string>().ShouldBe("EventGrid");
        Bindings(function).ShouldContain(b => b["type"]!.GetValue<string>() == "durableClient");
    }

    [Fact]
    public async Task DurableTransformer_AddsOneFunctionPerConveyorTask()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.AddConveyorFunctions();

        // The Functions host runs the generated startup code that calls this; a test host does not.
        builder.ConfigureDurableExtension();
        using var app = builder.Build();
        var metadata = (await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory)).ToList();
        var before = metadata.Count;

        foreach (var transformer in app.Services.GetServices<IFunctionMetadataTransformer>())
        {
            transformer.Transform(metadata);
        }

        var durable = metadata.Skip(before).ToList();
        durable.Select(f => f.Name).Order().ShouldBe(ConveyorTasks.Keys.Order());
        foreach (var function in durable)
        {
            var binding = JsonNode.Parse(function.RawBindings!.Single())!;
            binding["type"]!.GetValue<string>().ShouldBe(ConveyorTasks[function.Name!], function.Name);
        }
    }

    /// <summary>Returns the build's function metadata (copied from the app's output into this test's).</summary>
    private static IReadOnlyList<JsonNode> Generated() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray().Select(f => f!)];

    private static IEnumerable<JsonNode> Bindings(JsonNode function) => function["bindings"]!.AsArray().Select(b => b!);

    private static JsonNode? Trigger(JsonNode function) =>
        Bindings(function).SingleOrDefault(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
}
