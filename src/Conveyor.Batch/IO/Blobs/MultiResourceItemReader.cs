using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>
/// Reads every blob under a prefix, one after the other in ordinal name order, each with a reader made by a factory
/// (Spring Batch's <c>MultiResourceItemReader</c>).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <para>
/// Restart: <see cref="UpdateAsync"/> saves the name of the blob being read (<c>{name}.blob</c>) and the state of its
/// reader (<c>{name}.state</c>, the delegate's own execution context as JSON, when the delegate is an
/// <see cref="IItemStream"/>). <see cref="OpenAsync"/> lists the blobs again and resumes in that blob with that state;
/// blobs that sort before it are not read again. If the blob is gone, reading resumes with the next name after it.
/// A delegate that is not an <see cref="IItemStream"/> restarts its blob from the beginning.
/// </para>
/// <para>Bad records: a <see cref="MalformedRecordException"/> of the delegate passes through; the next read continues after it.</para>
/// </remarks>
public sealed class MultiResourceItemReader<T> : IItemReader<T>, IItemStream, IAsyncDisposable
{
    private readonly BlobContainerClient _container;
    private readonly string? _prefix;
    private readonly Func<BlobClient, IItemReader<T>> _readerFactory;
    private readonly string _name;
    private List<string> _blobs = [];
    private int _index;
    private bool _opened;
    private IItemReader<T>? _current;
    private ExecutionContext? _pendingState;

    /// <summary>Initializes a new instance of the <see cref="MultiResourceItemReader{T}"/> class.</summary>
    /// <param name="container">The container.</param>
    /// <param name="prefix">The blob name prefix, or null for every blob of the container.</param>
    /// <param name="readerFactory">Creates the reader of one blob (for example a <see cref="Csv.CsvItemReader{T}"/>).</param>
    /// <param name="name">The prefix of the execution-context keys.</param>
    public MultiResourceItemReader(
        BlobContainerClient container, string? prefix, Func<BlobClient, IItemReader<T>> readerFactory, string name = "multiResourceItemReader")
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(readerFactory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _container = container;
        _prefix = prefix;
        _readerFactory = readerFactory;
        _name = name;
    }

    /// <summary>Gets the names of the blobs being read, in reading order (known after <see cref="OpenAsync"/>).</summary>
    public IReadOnlyList<string> BlobNames => _blobs;

    /// <summary>Gets the name of the blob being read, or null before the first and after the last.</summary>
    public string? CurrentBlobName => _index < _blobs.Count ? _blobs[_index] : null;

    private string BlobKey => _name + ".blob";

    private string StateKey => _name + ".state";

    private string DoneKey => _name + ".done";

    /// <inheritdoc/>
    public async Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, _prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        names.Sort(StringComparer.Ordinal);
        _blobs = names;
        _index = 0;
        _opened = true;
        if (executionContext.Get<bool>(DoneKey))
        {
            _index = _blobs.Count;
            return;
        }

        if (executionContext.Get<string?>(BlobKey) is { } saved)
        {
            _index = _blobs.FindIndex(n => string.CompareOrdinal(n, saved) >= 0);
            if (_index < 0)
            {
                _index = _blobs.Count;
            }
            else if (_blobs[_index] == saved && executionContext.Get<string?>(StateKey) is { } state)
            {
                _pendingState = ExecutionContext.FromJson(state);
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ReadResult<T>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!_opened)
        {
            await OpenAsync(new ExecutionContext(), cancellationToken).ConfigureAwait(false);
        }

        while (_index < _blobs.Count)
        {
            if (_current is null)
            {
                _current = _readerFactory(_container.GetBlobClient(_blobs[_index]));
                if (_current is IItemStream stream)
                {
                    await stream.OpenAsync(_pendingState ?? new ExecutionContext(), cancellationToken).ConfigureAwait(false);
                }

                _pendingState = null;
            }

            var result = await _current.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.HasItem)
            {
                return result;
            }

            await CloseCurrentAsync(cancellationToken).ConfigureAwait(false);
            _index++;
        }

        return ReadResult.End<T>();
    }

    /// <inheritdoc/>
    public async Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        executionContext.Put(DoneKey, _opened && _index >= _blobs.Count);
        executionContext.Put(BlobKey, CurrentBlobName);
        ExecutionContext? state = _pendingState;
        if (_current is IItemStream stream)
        {
            state = new ExecutionContext();
            await stream.UpdateAsync(state, cancellationToken).ConfigureAwait(false);
        }

        if (state is null)
        {
            executionContext.Remove(StateKey);
        }
        else
        {
            executionContext.Put(StateKey, state.ToJson());
        }
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken = default) => CloseCurrentAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await CloseCurrentAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task CloseCurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        _current = null;
        if (current is IItemStream stream)
        {
            await stream.CloseAsync(cancellationToken).ConfigureAwait(false);
        }

        if (current is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
