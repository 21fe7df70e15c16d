namespace Conveyor.Batch.Steps;

/// <summary>Builds steps: <c>new StepBuilder("load").Chunk&lt;In, Out&gt;(100).Reader(…).Processor(…).Writer(…).FaultTolerant(…).Build()</c>.</summary>
/// <param name="name">The step name.</param>
public sealed class StepBuilder(string name)
{
    /// <summary>Starts a chunk-oriented step.</summary>
    /// <typeparam name="TIn">What the reader produces.</typeparam>
    /// <typeparam name="TOut">What the writer takes.</typeparam>
    /// <param name="chunkSize">Items per commit; at least 1.</param>
    /// <returns>The chunk step builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Chunk<TIn, TOut>(int chunkSize) => new(name, chunkSize);
}
