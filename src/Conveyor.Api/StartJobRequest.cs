using System.Text.Json;

namespace Conveyor.Api;

/// <summary>
/// The body of a start request (documents the shape; the body is read by <see cref="JobParametersReader"/>).
/// </summary>
/// <param name="Parameters">
/// By name: a string, an integer (long), another number (double), or <c>{"value", "type": "string"|"long"|"double"|"date", "identifying"}</c>.
/// </param>
public sealed record StartJobRequest(IReadOnlyDictionary<string, JsonElement>? Parameters);
