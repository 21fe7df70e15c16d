using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conveyor.Batch.Item;

/// <summary>
/// String-keyed state saved at every commit (reader positions, writer state, counters) and given back on restart.
/// Values are JSON.
/// </summary>
public sealed class ExecutionContext
{
    private readonly JsonObject _values;

    /// <summary>Initializes a new, empty instance of the <see cref="ExecutionContext"/> class.</summary>
    public ExecutionContext()
        : this(new JsonObject())
    {
    }

    private ExecutionContext(JsonObject values) => _values = values;

    /// <summary>Gets a value indicating whether the context holds nothing.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>Gets the keys.</summary>
    public IEnumerable<string> Keys => _values.Select(p => p.Key);

    /// <summary>Parses a context saved with <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON, or null/empty for an empty context.</param>
    /// <returns>The context.</returns>
    public static ExecutionContext FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new ExecutionContext() : new ExecutionContext(JsonNode.Parse(json)!.AsObject());

    /// <summary>Serializes the context.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => _values.ToJsonString();

    /// <summary>Returns whether the key is present.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when present.</returns>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>Stores a value.</summary>
    /// <typeparam name="T">The value type (JSON-serializable).</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public void Put<T>(string key, T value) => _values[key] = JsonSerializer.SerializeToNode(value);

    /// <summary>Reads a value, or returns <paramref name="defaultValue"/> when absent.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">The value when absent.</param>
    /// <returns>The value.</returns>
    public T Get<T>(string key, T defaultValue = default!) =>
        _values.TryGetPropertyValue(key, out var node) && node is not null ? node.Deserialize<T>()! : defaultValue;

    /// <summary>Removes a value.</summary>
    /// <param name="key">The key.</param>
    public void Remove(string key) => _values.Remove(key);

    /// <summary>Copies every value of this context into <paramref name="target"/>, replacing values with the same keys.</summary>
    /// <param name="target">The context to copy into.</param>
    internal void CopyTo(ExecutionContext target)
    {
        foreach (var (key, value) in _values)
        {
            target._values[key] = value?.DeepClone();
        }
    }

    /// <summary>Returns an independent copy.</summary>
    /// <returns>The copy.</returns>
    public ExecutionContext Clone() => FromJson(ToJson());
}
