using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conveyor.Cli.Remote;

/// <summary>The JSON contract of the app's API (camelCase), source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobStarted))]
[JsonSerializable(typeof(ExecutionReport))]
[JsonSerializable(typeof(ExecutionPage))]
[JsonSerializable(typeof(List<JobSummary>))]
[JsonSerializable(typeof(ProblemReport))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
