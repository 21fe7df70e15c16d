using Conveyor.Batch.Item;

namespace Conveyor.Batch.Steps;

/// <summary>Builds a <see cref="ChunkStepDefinition{TIn, TOut}"/>. <see cref="Build"/> validates and fails with exact messages.</summary>
/// <typeparam name="TIn">What the reader produces.</typeparam>
/// <typeparam name="TOut">What the writer takes.</typeparam>
public sealed class ChunkStepBuilder<TIn, TOut>
{
    private readonly string _name;
    private readonly int _chunkSize;
    private readonly List<IStepListener> _listeners = [];
    private Func<StepContext, IItemReader<TIn>>? _reader;
    private Func<StepContext, IItemProcessor<TIn, TOut>>? _processor;
    private Func<StepContext, IItemWriter<TOut>>? _writer;
    private FaultTolerance _faultTolerance = FaultTolerance.None;
    private IPartitioner? _partitioner;
    private int _maxParallel = 4;
    private int? _startLimit;
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

    /// <summary>
    /// Adds a listener of any kind (<see cref="IStepExecutionListener"/>, <see cref="IChunkListener"/>,
    /// <see cref="IItemReadListener{T}"/>, <see cref="IItemProcessListener{TIn, TOut}"/>, <see cref="IItemWriteListener{T}"/>,
    /// <see cref="ISkipListener{TIn, TOut}"/>, or several at once); see <see cref="IStepListener"/> for the order of calls.
    /// </summary>
    /// <param name="listener">The listener.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> Listener(IStepListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
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

    /// <summary>Limits how often the step may start within one job instance (Spring Batch's startLimit).</summary>
    /// <param name="limit">The most starts; at least 1.</param>
    /// <returns>This builder.</returns>
    public ChunkStepBuilder<TIn, TOut> StartLimit(int limit)
    {
        _startLimit = limit;
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
        StepValidation.CheckCommon(errors, _name, _startLimit, _maxParallel);
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

        StepValidation.CheckItemListeners(errors, _listeners, typeof(TIn), typeof(TOut));
        StepValidation.CheckFaultTolerance(errors, _faultTolerance);
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
            StartLimit = _startLimit ?? 0,
            AllowStartIfComplete = _allowStartIfComplete,
        };
    }
}
