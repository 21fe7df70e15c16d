namespace Conveyor.Batch.Steps;

/// <summary>Builds a <see cref="TaskletStepDefinition"/>. <see cref="Build"/> validates and fails with exact messages.</summary>
public sealed class TaskletStepBuilder
{
    private readonly string _name;
    private readonly Func<StepContext, ITasklet> _tasklet;
    private readonly bool _ownsTasklet;
    private readonly List<IStepListener> _listeners = [];
    private IPartitioner? _partitioner;
    private int _maxParallel = 4;
    private int? _startLimit;
    private bool _allowStartIfComplete;

    internal TaskletStepBuilder(string name, Func<StepContext, ITasklet> tasklet, bool ownsTasklet)
    {
        _name = name;
        _tasklet = tasklet;
        _ownsTasklet = ownsTasklet;
    }

    /// <summary>Adds a listener: an <see cref="IStepExecutionListener"/> or an <see cref="IChunkListener"/> (called around each tasklet call).</summary>
    /// <param name="listener">The listener.</param>
    /// <returns>This builder.</returns>
    public TaskletStepBuilder Listener(IStepListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listeners.Add(listener);
        return this;
    }

    /// <summary>Partitions the step: one tasklet per partition (see <see cref="StepContext.Partition"/>); at most <paramref name="maxParallel"/> run at once.</summary>
    /// <param name="partitioner">The partitioner.</param>
    /// <param name="maxParallel">The most partitions in flight.</param>
    /// <returns>This builder.</returns>
    public TaskletStepBuilder Partitioner(IPartitioner partitioner, int maxParallel = 4)
    {
        _partitioner = partitioner;
        _maxParallel = maxParallel;
        return this;
    }

    /// <summary>Limits how often the step may start within one job instance (Spring Batch's startLimit).</summary>
    /// <param name="limit">The most starts; at least 1.</param>
    /// <returns>This builder.</returns>
    public TaskletStepBuilder StartLimit(int limit)
    {
        _startLimit = limit;
        return this;
    }

    /// <summary>Runs the step again on restart even when it completed before.</summary>
    /// <returns>This builder.</returns>
    public TaskletStepBuilder AllowStartIfComplete()
    {
        _allowStartIfComplete = true;
        return this;
    }

    /// <summary>Validates and builds the step.</summary>
    /// <returns>The step.</returns>
    /// <exception cref="InvalidOperationException">Something is out of range or does not fit a tasklet step; the message lists every problem.</exception>
    public TaskletStepDefinition Build()
    {
        var errors = new List<string>();
        StepValidation.CheckCommon(errors, _name, _startLimit, _maxParallel);
        StepValidation.CheckNoItemListeners(errors, _listeners);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Step '{_name}' is invalid: {string.Join("; ", errors)}.");
        }

        return new TaskletStepDefinition(_name, _tasklet, _ownsTasklet)
        {
            Listeners = [.. _listeners],
            Partitioner = _partitioner,
            MaxParallelPartitions = _maxParallel,
            StartLimit = _startLimit ?? 0,
            AllowStartIfComplete = _allowStartIfComplete,
        };
    }
}
