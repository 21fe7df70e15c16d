using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Execution;

/// <summary>
/// Counts the runs of a partition's activity since its last checkpoint, in the partition's checkpoint state: each run
/// adds one before it does any work, each checkpoint clears it. A count that keeps growing means the runs die (the
/// worker process ends), which the Durable Task engine would otherwise deliver again forever.
/// </summary>
internal static class PartitionAttempts
{
    private const string Key = "partition.runsSinceCheckpoint";

    /// <summary>Counts a new run in <paramref name="state"/>; returns how many runs, this one included, started since the last checkpoint.</summary>
    public static int Start(ExecutionContext state)
    {
        var runs = state.Get(Key, 0) + 1;
        state.Put(Key, runs);
        return runs;
    }

    /// <summary>Clears the count: a checkpoint was reached.</summary>
    public static void Clear(ExecutionContext state) => state.Remove(Key);

    /// <summary>The checkpoint state <paramref name="json"/> without a count (a restart gives the partition fresh attempts).</summary>
    public static string? Cleared(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var state = ExecutionContext.FromJson(json);
        Clear(state);
        return state.ToJson();
    }
}
