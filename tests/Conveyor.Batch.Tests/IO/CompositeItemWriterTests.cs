using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO;

public sealed class CompositeItemWriterTests
{
    [Fact]
    public async Task WriteAsync_TwoWriters_BothGetEachChunkAndStreamCallsAreForwarded()
    {
        var first = new InMemoryItemWriter<int>();
        var second = new RecordingWriter();
        var composite = new CompositeItemWriter<int>(first, second);
        var context = new ExecutionContext();

        await composite.OpenAsync(context, TestContext.Current.CancellationToken);
        await composite.WriteAsync(new Chunk<int>(0, [1, 2]), TestContext.Current.CancellationToken);
        await composite.WriteAsync(new Chunk<int>(0, [1, 2]), TestContext.Current.CancellationToken);
        await composite.WriteAsync(new Chunk<int>(1, [3]), TestContext.Current.CancellationToken);
        await composite.UpdateAsync(context, TestContext.Current.CancellationToken);
        await composite.CloseAsync(TestContext.Current.CancellationToken);

        first.Items.ShouldBe([1, 2, 3]);
        first.WriteCount.ShouldBe(3);
        second.Calls.ShouldBe(["open", "write 0", "write 0", "write 1", "update", "close"]);
        context.Get<int>("recording").ShouldBe(3);
    }

    [Fact]
    public void Constructor_NoWriters_Throws() =>
        Should.Throw<ArgumentException>(() => new CompositeItemWriter<int>([]));

    private sealed class RecordingWriter : IItemWriter<int>, IItemStream
    {
        public List<string> Calls { get; } = [];

        public Task WriteAsync(Chunk<int> chunk, CancellationToken cancellationToken = default)
        {
            Calls.Add($"write {chunk.Sequence}");
            return Task.CompletedTask;
        }

        public Task OpenAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
        {
            Calls.Add("open");
            return Task.CompletedTask;
        }

        public Task UpdateAsync(ExecutionContext executionContext, CancellationToken cancellationToken = default)
        {
            Calls.Add("update");
            executionContext.Put("recording", Calls.Count(c => c.StartsWith("write", StringComparison.Ordinal)));
            return Task.CompletedTask;
        }

        public Task CloseAsync(CancellationToken cancellationToken = default)
        {
            Calls.Add("close");
            return Task.CompletedTask;
        }
    }
}
