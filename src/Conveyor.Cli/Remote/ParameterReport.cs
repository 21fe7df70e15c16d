using System.Text.Json;

namespace Conveyor.Cli.Remote;

/// <summary>A job parameter of an <see cref="ExecutionReport"/>.</summary>
internal sealed class ParameterReport
{
    /// <summary>Gets the value (a JSON string or number).</summary>
    public JsonElement Value { get; init; }

    /// <summary>Gets the type: string, long, double or date.</summary>
    public string? Type { get; init; }

    /// <summary>Gets a value indicating whether it identifies the job instance.</summary>
    public bool Identifying { get; init; } = true;

    /// <summary>Gets the value as text.</summary>
    public string Text => Value.ValueKind == JsonValueKind.String ? Value.GetString() ?? string.Empty : Value.ToString();
}
