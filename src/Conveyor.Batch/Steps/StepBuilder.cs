namespace Conveyor.Batch.Steps;

/// <summary>
/// Builds steps: <c>new StepBuilder("load").Chunk&lt;In, Out&gt;(100).Reader(…).Processor(…).Writer(…).FaultTolerant(…).Build()</c>,
/// or <c>new StepBuilder("cleanup").Tasklet(tasklet).Build()</c>.
/// </summary>
/// <param name="name">The step name.</param>
public sealed class StepBuilder(string name)
{
    /// <summary>Starts a chunk-oriented step.</summary>
    /// <typeparam name="TIn">What the reader produces.</typeparam>
    /// <typeparam name="TOut">What the writer takes.</typeparam>
    /// <param name="chunkSize">Items per commit; at least 1.</param>
    /// <returns>The chunk step builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Chunk<TIn, TOut>(int chunkSize) => new(name, chunkSize);

    /// <summary>Starts a tasklet step that calls one shared tasklet (in every partition); the step never disposes it.</summary>
    /// <param name="tasklet">The tasklet.</param>
    /// <returns>The tasklet step builder.</returns>
    public TaskletStepBuilder Tasklet(ITasklet tasklet)
    {
        ArgumentNullException.ThrowIfNull(tasklet);
        return new(name, _ => tasklet, ownsTasklet: false);
    }

    /// <summary>Starts a tasklet step that makes a tasklet per partition execution and disposes it afterwards.</summary>
    /// <param name="tasklet">The factory.</param>
    /// <returns>The tasklet step builder.</returns>
    public TaskletStepBuilder Tasklet(Func<StepContext, ITasklet> tasklet)
    {
        ArgumentNullException.ThrowIfNull(tasklet);
        return new(name, tasklet, ownsTasklet: true);
    }
}
