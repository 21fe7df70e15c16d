using Conveyor.Batch.Core;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Steps;

/// <summary>Runs a tasklet step's partition one call per unit; the iteration number is part of the checkpoint.</summary>
internal sealed class TaskletRunner(TaskletStepDefinition step, StepContext context) : IPartitionRunner
{
    private const string IterationKey = "tasklet.iteration";
    private readonly ITasklet _tasklet = step.Tasklet(context);
    private ExecutionContext _state = new();
    private long _iteration;

    public bool CheckpointsEveryUnit => true;

    public async Task OpenAsync(ExecutionContext state, CancellationToken cancellationToken)
    {
        _state = state;
        _iteration = state.Get(IterationKey, 0L);
        if (_tasklet is IItemStream stream)
        {
            await stream.OpenAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> RunUnitAsync(StepExecution execution, List<SkippedItem> skips, long skippedElsewhere, CancellationToken cancellationToken)
    {
        await ListenerCalls.InOrderAsync(step.ChunkListeners, "BeforeChunk", l => new ValueTask(l.BeforeChunkAsync(execution))).ConfigureAwait(false);
        var contribution = new StepContribution();
        var status = await _tasklet.ExecuteAsync(contribution, new ChunkContext(context, _state, _iteration + 1), cancellationToken).ConfigureAwait(false);
        contribution.ApplyTo(execution);
        return status == RepeatStatus.Continuable;
    }

    public async Task CommitAsync(ExecutionContext state, StepExecution execution, CancellationToken cancellationToken)
    {
        if (_tasklet is IItemStream stream)
        {
            await stream.UpdateAsync(state, cancellationToken).ConfigureAwait(false);
        }

        state.Put(IterationKey, ++_iteration);
        await ListenerCalls.InReverseAsync(step.ChunkListeners, "AfterChunk", l => new ValueTask(l.AfterChunkAsync(execution))).ConfigureAwait(false);
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_tasklet is IItemStream stream)
        {
            await stream.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!step.OwnsTasklet)
        {
            return;
        }

        if (_tasklet is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (_tasklet is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
