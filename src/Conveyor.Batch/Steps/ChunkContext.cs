using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Steps;

/// <summary>What a tasklet call knows: its step and partition, its saved state, and which call it is.</summary>
public sealed class ChunkContext
{
    internal ChunkContext(StepContext stepContext, ExecutionContext executionContext, long iteration)
    {
        StepContext = stepContext;
        ExecutionContext = executionContext;
        Iteration = iteration;
    }

    /// <summary>Gets the job, step, parameters, partition and services.</summary>
    public StepContext StepContext { get; }

    /// <summary>
    /// Gets the partition's saved state: what earlier committed calls put here (also in earlier executions of the job
    /// instance), and what this call puts here is saved with its commit.
    /// </summary>
    public ExecutionContext ExecutionContext { get; }

    /// <summary>Gets the number of this call within the partition, from 1, counting the calls committed before a restart.</summary>
    public long Iteration { get; }
}
