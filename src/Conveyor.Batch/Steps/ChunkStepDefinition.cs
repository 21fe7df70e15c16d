using Conveyor.Batch.Item;

namespace Conveyor.Batch.Steps;

/// <summary>A chunk-oriented step: read up to <see cref="ChunkSize"/> items, process each, write the chunk, commit.</summary>
/// <typeparam name="TIn">What the reader produces.</typeparam>
/// <typeparam name="TOut">What the writer takes.</typeparam>
public sealed class ChunkStepDefinition<TIn, TOut> : StepDefinition
{
    internal ChunkStepDefinition(
        string name,
        int chunkSize,
        Func<StepContext, IItemReader<TIn>> reader,
        Func<StepContext, IItemProcessor<TIn, TOut>>? processor,
        Func<StepContext, IItemWriter<TOut>> writer)
        : base(name)
    {
        ChunkSize = chunkSize;
        Reader = reader;
        Processor = processor;
        Writer = writer;
    }

    /// <summary>Gets the number of items per chunk (read, processed and written together; checkpoints follow <see cref="Execution.BatchOptions.CheckpointInterval"/>).</summary>
    public int ChunkSize { get; }

    /// <summary>Gets the reader factory (one reader per partition execution).</summary>
    public Func<StepContext, IItemReader<TIn>> Reader { get; }

    /// <summary>Gets the processor factory, or null when items pass through unchanged.</summary>
    public Func<StepContext, IItemProcessor<TIn, TOut>>? Processor { get; }

    /// <summary>Gets the writer factory.</summary>
    public Func<StepContext, IItemWriter<TOut>> Writer { get; }

    /// <summary>Gets the skip and retry policy.</summary>
    public FaultTolerance FaultTolerance { get; init; } = FaultTolerance.None;

    internal override int SkipLimit => FaultTolerance.SkipLimit;

    internal override IPartitionRunner CreateRunner(StepContext context) => new ChunkRunner<TIn, TOut>(this, context);
}
