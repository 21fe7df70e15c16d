namespace Conveyor.Batch.Steps;

/// <summary>One slice of a step's input: its index, the number of slices, and settings the reader needs (byte range, blob name).</summary>
/// <param name="Index">The partition's index, from 0.</param>
/// <param name="Count">The number of partitions of the step.</param>
/// <param name="Settings">Reader settings of this slice, such as <c>start</c>/<c>end</c> byte offsets or <c>blob</c>.</param>
public sealed record PartitionSpec(int Index, int Count, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Gets the single partition of an unpartitioned step.</summary>
    public static PartitionSpec Whole { get; } = new(0, 1, new Dictionary<string, string>());

    /// <summary>Returns a setting, or null.</summary>
    /// <param name="name">The setting's name.</param>
    /// <returns>The value.</returns>
    public string? Get(string name) => Settings.TryGetValue(name, out var value) ? value : null;
}
