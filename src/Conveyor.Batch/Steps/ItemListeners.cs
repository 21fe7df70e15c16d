using Conveyor.Batch.Core;
using Conveyor.Batch.Item;

namespace Conveyor.Batch.Steps;

/// <summary>
/// The item and skip listeners of one chunk step, sorted by kind once, so that a step without them pays one length
/// check per call on the per-item path.
/// </summary>
internal sealed class ItemListeners<TIn, TOut>
{
    private readonly IItemReadListener<TIn>[] _read;
    private readonly IItemProcessListener<TIn, TOut>[] _process;
    private readonly IItemWriteListener<TOut>[] _write;
    private readonly ISkipListener<TIn, TOut>[] _skip;
    private readonly List<PendingSkip> _pendingSkips = [];

    public ItemListeners(IEnumerable<IStepListener> listeners)
    {
        var all = listeners.ToList();
        _read = [.. all.OfType<IItemReadListener<TIn>>()];
        _process = [.. all.OfType<IItemProcessListener<TIn, TOut>>()];
        _write = [.. all.OfType<IItemWriteListener<TOut>>()];
        _skip = [.. all.OfType<ISkipListener<TIn, TOut>>()];
    }

    private enum Phase
    {
        Read,
        Process,
        Write,
    }

    public ValueTask BeforeReadAsync() =>
        _read.Length == 0 ? default : ListenerCalls.InOrderAsync(_read, "BeforeRead", static l => l.BeforeReadAsync());

    public ValueTask AfterReadAsync(TIn item) =>
        _read.Length == 0 ? default : ListenerCalls.InReverseAsync(_read, "AfterRead", l => l.AfterReadAsync(item));

    public ValueTask OnReadErrorAsync(Exception error) =>
        _read.Length == 0 || error is ListenerFailedException ? default : ListenerCalls.InReverseAsync(_read, "OnReadError", l => l.OnReadErrorAsync(error));

    public ValueTask BeforeProcessAsync(TIn item) =>
        _process.Length == 0 ? default : ListenerCalls.InOrderAsync(_process, "BeforeProcess", l => l.BeforeProcessAsync(item));

    public ValueTask AfterProcessAsync(TIn item, TOut? result) =>
        _process.Length == 0 ? default : ListenerCalls.InReverseAsync(_process, "AfterProcess", l => l.AfterProcessAsync(item, result));

    public ValueTask OnProcessErrorAsync(TIn item, Exception error) =>
        _process.Length == 0 || error is ListenerFailedException ? default : ListenerCalls.InReverseAsync(_process, "OnProcessError", l => l.OnProcessErrorAsync(item, error));

    public ValueTask BeforeWriteAsync(long sequence, IEnumerable<TOut> items) =>
        _write.Length == 0 ? default : ListenerCalls.InOrderAsync(_write, "BeforeWrite", l => l.BeforeWriteAsync(new Chunk<TOut>(sequence, items)));

    public ValueTask AfterWriteAsync(long sequence, IEnumerable<TOut> items) =>
        _write.Length == 0 ? default : ListenerCalls.InReverseAsync(_write, "AfterWrite", l => l.AfterWriteAsync(new Chunk<TOut>(sequence, items)));

    public ValueTask OnWriteErrorAsync(Exception error, long sequence, IEnumerable<TOut> items) =>
        _write.Length == 0 || error is ListenerFailedException ? default : ListenerCalls.InReverseAsync(_write, "OnWriteError", l => l.OnWriteErrorAsync(error, new Chunk<TOut>(sequence, items)));

    /// <summary>Remembers a read skip for <see cref="FlushSkipsAsync"/>.</summary>
    public void SkippedInRead(Exception error, SkippedItem skipped) => Remember(new PendingSkip(Phase.Read, default, default, error, skipped));

    /// <summary>Remembers a process skip for <see cref="FlushSkipsAsync"/>.</summary>
    public void SkippedInProcess(TIn item, Exception error, SkippedItem skipped) => Remember(new PendingSkip(Phase.Process, item, default, error, skipped));

    /// <summary>Remembers a write skip for <see cref="FlushSkipsAsync"/>.</summary>
    public void SkippedInWrite(TOut item, Exception error, SkippedItem skipped) => Remember(new PendingSkip(Phase.Write, default, item, error, skipped));

    /// <summary>Reports the skips of the chunk being committed, in the order they happened.</summary>
    public async ValueTask FlushSkipsAsync()
    {
        if (_pendingSkips.Count == 0)
        {
            return;
        }

        var pending = _pendingSkips.ToArray();
        _pendingSkips.Clear();
        foreach (var skip in pending)
        {
            switch (skip.Phase)
            {
                case Phase.Read:
                    await ListenerCalls.InOrderAsync(_skip, "OnSkipInRead", l => l.OnSkipInReadAsync(skip.Error, skip.Skipped)).ConfigureAwait(false);
                    break;
                case Phase.Process:
                    await ListenerCalls.InOrderAsync(_skip, "OnSkipInProcess", l => l.OnSkipInProcessAsync(skip.In!, skip.Error, skip.Skipped)).ConfigureAwait(false);
                    break;
                default:
                    await ListenerCalls.InOrderAsync(_skip, "OnSkipInWrite", l => l.OnSkipInWriteAsync(skip.Out!, skip.Error, skip.Skipped)).ConfigureAwait(false);
                    break;
            }
        }
    }

    private void Remember(PendingSkip skip)
    {
        if (_skip.Length > 0)
        {
            _pendingSkips.Add(skip);
        }
    }

    private readonly record struct PendingSkip(Phase Phase, TIn? In, TOut? Out, Exception Error, SkippedItem Skipped);
}
