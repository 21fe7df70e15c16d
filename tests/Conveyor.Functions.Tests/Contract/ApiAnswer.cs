using System.Text.Json.Nodes;

namespace Conveyor.Functions.Tests.Contract;

/// <summary>What a host answered: status, the headers the API sets, and the JSON body (null when empty).</summary>
public sealed record ApiAnswer(int Status, string? Location, string? RetryAfter, string? ContentType, JsonNode? Body);
