using Conveyor.Batch.Item;

namespace Conveyor.Batch.Tests.Steps;

/// <summary>A processor made from a function.</summary>
internal sealed class LambdaProcessor<TIn, TOut>(Func<TIn, TOut?> body) : IItemProcessor<TIn, TOut>
{
    public ValueTask<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken = default) => ValueTask.FromResult(body(item));
}

/// <summary>Reads the given numbers, each on the line of its value; the ones in <c>malformed</c> are malformed records.</summary>
internal sealed class NumberLineReader(IEnumerable<int> items, params int[] malformed) : IItemReader<int>
{
    private readonly IEnumerator<int> _items = items.GetEnumerator();

    public ValueTask<ReadResult<int>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!_items.MoveNext())
        {
            return ValueTask.FromResult(ReadResult.End<int>());
        }

        return malformed.Contains(_items.Current)
            ? throw new ItemReaderException("malformed record", _items.Current, $"bad line {_items.Current}")
            : ValueTask.FromResult(ReadResult.Of(_items.Current, (long)_items.Current));
    }
}

/// <summary>Keeps the chunks it is given by sequence; any chunk holding <c>rejected</c> fails with InvalidDataException.</summary>
internal sealed class RejectingItemWriter(int rejected) : IItemWriter<int>
{
    private readonly Dictionary<long, List<int>> _chunks = [];

    public IEnumerable<int> Written
    {
        get
        {
            lock (_chunks)
            {
                return [.. _chunks.OrderBy(c => c.Key).SelectMany(c => c.Value)];
            }
        }
    }

    public Task WriteAsync(Chunk<int> chunk, CancellationToken cancellationToken = default)
    {
        if (chunk.Contains(rejected))
        {
            throw new InvalidDataException($"{rejected} rejected");
        }

        lock (_chunks)
        {
            _chunks[chunk.Sequence] = [.. chunk];
        }

        return Task.CompletedTask;
    }
}
