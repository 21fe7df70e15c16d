using Conveyor.Batch.Core;
using Conveyor.Batch.Item;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Steps;

/// <summary>
/// The chunk loop of one partition: read up to the chunk size, process each item, write the chunk, with skips and
/// retries per the step's <see cref="FaultTolerance"/>.
/// </summary>
/// <remarks>
/// A chunk keeps its sequence number across restarts (saved in the execution context), so a writer that names its
/// output by chunk (deterministic block ids) replaces rather than duplicates a chunk written again after a crash.
/// The reader's position is captured after every chunk and handed to the checkpoint with the writer's state, so a
/// checkpoint taken after a failed chunk records the position after the last chunk that succeeded.
/// A failing write is retried; if it still fails with a skippable error, the chunk is scanned item by item to find and
/// skip the culprits, then written again with the rest.
/// </remarks>
internal sealed class ChunkRunner<TIn, TOut>(ChunkStepDefinition<TIn, TOut> step, StepContext context) : IPartitionRunner
{
    private const string SequenceKey = "chunk.sequence";
    private readonly FaultTolerance _policy = step.FaultTolerance;
    private readonly IItemReader<TIn> _reader = step.Reader(context);
    private readonly IItemProcessor<TIn, TOut>? _processor = step.Processor?.Invoke(context);
    private readonly IItemWriter<TOut> _writer = step.Writer(context);
    private readonly ItemListeners<TIn, TOut> _listeners = new(step.Listeners);
    private readonly ExecutionContext _positions = new();
    private ResiliencePipeline? _retry;
    private long _sequence;
    private long _skippedElsewhere;
    private bool _unitWrote;
    private bool _unitDone;

    public async Task OpenAsync(ExecutionContext state, CancellationToken cancellationToken)
    {
        _sequence = state.Get(SequenceKey, 0L);
        if (_reader is IItemStream reader)
        {
            await reader.OpenAsync(state, cancellationToken).ConfigureAwait(false);
        }

        if (_writer is IItemStream writer && !ReferenceEquals(writer, _reader))
        {
            await writer.OpenAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool CanCommitAfterFailure => !_unitWrote && !_unitDone;

    public async Task<bool> RunUnitAsync(StepExecution execution, List<SkippedItem> skips, long skippedElsewhere, CancellationToken cancellationToken)
    {
        (_unitWrote, _unitDone, _skippedElsewhere) = (false, false, skippedElsewhere);
        await ListenerCalls.InOrderAsync(step.ChunkListeners, "BeforeChunk", l => new ValueTask(l.BeforeChunkAsync(execution))).ConfigureAwait(false);

        var more = await RunChunkAsync(execution, skips, cancellationToken).ConfigureAwait(false);

        // The chunk is done: the next checkpoint records the reader's position (and progress) after it.
        if (_reader is IItemStream reader && !ReferenceEquals(reader, _writer))
        {
            await reader.UpdateAsync(_positions, cancellationToken).ConfigureAwait(false);
        }

        if (_reader is IItemReaderProgress progress)
        {
            (execution.BytesRead, execution.BytesTotal) = (progress.BytesRead, progress.BytesTotal);
        }

        _sequence++;
        _unitDone = true;
        await ListenerCalls.InReverseAsync(step.ChunkListeners, "AfterChunk", l => new ValueTask(l.AfterChunkAsync(execution))).ConfigureAwait(false);
        return more;
    }

    public async Task CommitAsync(ExecutionContext state, StepExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _listeners.FlushSkipsAsync().ConfigureAwait(false);

        // Output first (the writer makes the chunks so far durable), then the positions that say they are done.
        if (_writer is IItemStream writer)
        {
            await writer.UpdateAsync(state, cancellationToken).ConfigureAwait(false);
        }

        _positions.CopyTo(state);
        state.Put(SequenceKey, _sequence);
    }

    private async Task<bool> RunChunkAsync(StepExecution execution, List<SkippedItem> skips, CancellationToken cancellationToken)
    {
        var (items, exhausted) = await ReadChunkAsync(execution, skips, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return !exhausted;
        }

        var outputs = await ProcessChunkAsync(items, execution, skips, cancellationToken).ConfigureAwait(false);
        if (outputs.Count > 0)
        {
            await WriteChunkAsync(outputs, execution, skips, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_writer is IItemStream writer)
        {
            await writer.CloseAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_reader is IItemStream reader && !ReferenceEquals(reader, _writer))
        {
            await reader.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in new object?[] { _reader, _processor, _writer }.Distinct())
        {
            if (part is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (part is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private async Task<(List<(TIn Item, long? Line)> Items, bool Exhausted)> ReadChunkAsync(StepExecution execution, List<SkippedItem> skips, CancellationToken cancellationToken)
    {
        var items = new List<(TIn, long?)>(step.ChunkSize);
        while (items.Count < step.ChunkSize)
        {
            ReadResult<TIn> read;
            await _listeners.BeforeReadAsync().ConfigureAwait(false);
            try
            {
                read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await _listeners.OnReadErrorAsync(error).ConfigureAwait(false);
                await NotifyErrorAsync("read", error).ConfigureAwait(false);
                var badRecord = error as ItemReaderException;
                await SkipOrThrowAsync(error, "read", badRecord?.LineNumber, null, badRecord?.Record, execution, skips).ConfigureAwait(false);
                _listeners.SkippedInRead(error, skips[^1]);
                execution.ReadSkipCount++;
                continue;
            }

            if (!read.HasItem)
            {
                return (items, true);
            }

            await _listeners.AfterReadAsync(read.Item).ConfigureAwait(false);
            items.Add((read.Item, read.LineNumber));
            execution.ReadCount++;
        }

        return (items, false);
    }

    private async Task<List<(TOut Item, long? Line)>> ProcessChunkAsync(List<(TIn Item, long? Line)> items, StepExecution execution, List<SkippedItem> skips, CancellationToken cancellationToken)
    {
        var outputs = new List<(TOut, long?)>(items.Count);
        foreach (var (item, line) in items)
        {
            TOut? output;
            try
            {
                await _listeners.BeforeProcessAsync(item).ConfigureAwait(false);
                output = _processor is null
                    ? (TOut?)(object?)item
                    : await WithRetryAsync(static (s, ct) => s.Processor.ProcessAsync(s.Item, ct), (Processor: _processor, Item: item), cancellationToken).ConfigureAwait(false);
                await _listeners.AfterProcessAsync(item, output).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await _listeners.OnProcessErrorAsync(item, error).ConfigureAwait(false);
                await NotifyErrorAsync("process", error).ConfigureAwait(false);
                await SkipOrThrowAsync(error, "process", line, item?.ToString(), null, execution, skips).ConfigureAwait(false);
                _listeners.SkippedInProcess(item, error, skips[^1]);
                execution.ProcessSkipCount++;
                continue;
            }

            if (output is null)
            {
                execution.FilterCount++;
            }
            else
            {
                outputs.Add((output, line));
            }
        }

        return outputs;
    }

    private async Task WriteChunkAsync(List<(TOut Item, long? Line)> outputs, StepExecution execution, List<SkippedItem> skips, CancellationToken cancellationToken)
    {
        try
        {
            _unitWrote = true;
            await _listeners.BeforeWriteAsync(_sequence, outputs.Select(o => o.Item)).ConfigureAwait(false);
            var chunk = new Chunk<TOut>(_sequence, outputs.Select(o => o.Item));
            await WithRetryAsync(
                static async (s, ct) =>
                {
                    await s.Writer.WriteAsync(s.Chunk, ct).ConfigureAwait(false);
                    return true;
                },
                (Writer: _writer, Chunk: chunk),
                cancellationToken).ConfigureAwait(false);
            await _listeners.AfterWriteAsync(_sequence, outputs.Select(o => o.Item)).ConfigureAwait(false);
            execution.WriteCount += outputs.Count;
            return;
        }
        catch (Exception error) when (error is not OperationCanceledException && _policy.IsSkippable(error))
        {
            await _listeners.OnWriteErrorAsync(error, _sequence, outputs.Select(o => o.Item)).ConfigureAwait(false);
            await NotifyErrorAsync("write", error).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await _listeners.OnWriteErrorAsync(error, _sequence, outputs.Select(o => o.Item)).ConfigureAwait(false);
            throw;
        }

        // Scan: write each item alone to find the ones the writer rejects, then write the rest as the chunk.
        var good = new List<TOut>(outputs.Count);
        foreach (var (item, line) in outputs)
        {
            try
            {
                await _writer.WriteAsync(new Chunk<TOut>(_sequence, [item]), cancellationToken).ConfigureAwait(false);
                good.Add(item);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await _listeners.OnWriteErrorAsync(error, _sequence, [item]).ConfigureAwait(false);
                await SkipOrThrowAsync(error, "write", line, item?.ToString(), null, execution, skips).ConfigureAwait(false);
                _listeners.SkippedInWrite(item, error, skips[^1]);
                execution.WriteSkipCount++;
            }
        }

        await _listeners.BeforeWriteAsync(_sequence, good).ConfigureAwait(false);
        await _writer.WriteAsync(new Chunk<TOut>(_sequence, good), cancellationToken).ConfigureAwait(false);
        await _listeners.AfterWriteAsync(_sequence, good).ConfigureAwait(false);
        execution.WriteCount += good.Count;
    }

    /// <summary>Runs the action, retrying per the policy; the state instead of a closure keeps the per-item path free of allocations.</summary>
    private ValueTask<TResult> WithRetryAsync<TState, TResult>(Func<TState, CancellationToken, ValueTask<TResult>> action, TState state, CancellationToken cancellationToken)
    {
        _retry ??= _policy.CreateRetryPipeline(error => new ValueTask(NotifyErrorAsync("retry", error)), context.Services.GetService<TimeProvider>() ?? TimeProvider.System);
        return _retry.ExecuteAsync(static (s, ct) => s.Action(s.State, ct), (Action: action, State: state), cancellationToken);
    }

    private async Task SkipOrThrowAsync(Exception error, string phase, long? line, string? key, string? input, StepExecution execution, List<SkippedItem> skips)
    {
        if (!_policy.IsSkippable(error))
        {
            throw new StepFailedException($"{phase} failed{(line is null ? string.Empty : $" at line {line}")}: {error.Message}", error);
        }

        // This partition's skips so far (committed ones included) and this one, plus the rest of the step's.
        if (_skippedElsewhere + execution.SkipCount + 1 > _policy.SkipLimit)
        {
            throw new SkipLimitExceededException(_policy.SkipLimit, error);
        }

        var skipped = new SkippedItem(context.JobExecutionId, context.StepName, phase, line, Truncate(key, 200), $"{error.GetType().Name}: {error.Message}", Truncate(input, 1000));
        skips.Add(skipped);
        await ListenerCalls.InOrderAsync(step.ChunkListeners, "OnSkip", l => new ValueTask(l.OnSkipAsync(skipped))).ConfigureAwait(false);
    }

    private async Task NotifyErrorAsync(string phase, Exception error) =>
        await ListenerCalls.InOrderAsync(step.ChunkListeners, "OnError", l => new ValueTask(l.OnErrorAsync(phase, error))).ConfigureAwait(false);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
