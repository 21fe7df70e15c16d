using Conveyor.Batch.Item;

namespace Conveyor.Batch.Steps;

/// <summary>Builds a <see cref="ChunkStepDefinition{TIn, TOut}"/>. <see cref="Build"/> validates and fails with exact messages.</summary>
/// <typeparam name="TIn">What the reader produces.</typeparam>
/// <typeparam name="TOut">What the writer takes.</typeparam>
public sealed class ChunkStepBuilder<TIn, TOut>
{
    private readonly string _name;
    private readonly int _chunkSize;
    private readonly List<IChunkListener> _listeners = [];
    private Func<StepContext, IItemReader<TIn>>? _reader;
    private Func<StepContext, IItemProcessor<TIn, TOut>>? _processor;
    private Func<StepContext, IItemWriter<TOut>>? _writer;
    private FaultTolerance _faultTolerance = FaultTolerance.None;
    private IPartitioner? _partitioner;
    private int _maxParallel = 4;
    private bool _allowStartIfComplete;

    internal ChunkStepBuilder(string name, int chunkSize)
    {
        _name = name;
        _chunkSize = chunkSize;
    }

    /// <summary>Sets the reader factory (called once per partition execution).</summary>
    /// <param name="reader">The factory.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Reader(Func<StepContext, IItemReader<TIn>> reader)
    {
        _reader = reader;
        return this;
    }

    /// <summary>Sets the processor factory.</summary>
    /// <param name="processor">The factory.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Processor(Func<StepContext, IItemProcessor<TIn, TOut>> processor)
    {
        _processor = processor;
        return this;
    }

    /// <summary>Sets the writer factory.</summary>
    /// <param name="writer">The factory.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Writer(Func<StepContext, IItemWriter<TOut>> writer)
    {
        _writer = writer;
        return this;
    }

    /// <summary>Makes the step fault tolerant: skip and retry as the policy says.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> FaultTolerant(FaultTolerance policy)
    {
        _faultTolerance = policy;
        return this;
    }

    /// <summary>Adds a listener.</summary>
    /// <param name="listener">The listener.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Listener(IChunkListener listener)
    {
        _listeners.Add(listener);
        return this;
    }

    /// <summary>Partitions the step; at most <paramref name="maxParallel"/> partitions run at once.</summary>
    /// <param name="partitioner">The partitioner.</param>
    /// <param name="maxParallel">The most partitions in flight.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Partitioner(IPartitioner partitioner, int maxParallel = 4)
    {
        _partitioner = partitioner;
        _maxParallel = maxParallel;
        return this;
    }

    /// <summary>Runs the step again on restart even when it completed before.</summary>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> AllowStartIfComplete()
    {
        _allowStartIfComplete = true;
        return this;
    }

    /// <summary>Validates and builds the step.</summary>
    /// <returns>The step.</returns>
    /// <exception cref="InvalidOperationException">Something required is missing or out of range; the message lists every problem.</exception>
    public ChunkStepDefinition<TIn, TOut> Build()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(_name) || _name.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("a step needs a name without ':'");
        }

        if (_chunkSize < 1)
        {
            errors.Add($"the chunk size must be at least 1 (was {_chunkSize})");
        }

        if (_reader is null)
        {
            errors.Add("a reader is required");
        }

        if (_writer is null)
        {
            errors.Add("a writer is required");
        }

        if (_processor is null && !typeof(TOut).IsAssignableFrom(typeof(TIn)))
        {
            errors.Add($"a processor is required to turn {typeof(TIn).Name} into {typeof(TOut).Name}");
        }

        if (_maxParallel < 1)
        {
            errors.Add("at least one partition must be allowed to run at once");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Step '{_name}' is invalid: {string.Join("; ", errors)}.");
        }

        return new ChunkStepDefinition<TIn, TOut>(_name, _chunkSize, _reader!, _processor, _writer!)
        {
            FaultTolerance = _faultTolerance,
            Listeners = [.. _listeners],
            Partitioner = _partitioner,
            MaxParallelPartitions = _maxParallel,
            AllowStartIfComplete = _allowStartIfComplete,
        };
    }
}
