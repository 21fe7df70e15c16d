using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.Tests.Steps;

public sealed class StepBuilderTests
{
    [Fact]
    public void Chunk_Build_ChunkSizeStartLimitAndMismatchedListener_FailWithExactMessage()
    {
        var builder = new StepBuilder("s").Chunk<int, int>(0).StartLimit(0)
            .Reader(_ => new InMemoryItemReader<int>([1])).Writer(_ => new InMemoryItemWriter<int>())
            .Listener(new StringReadListener());

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message.ShouldBe(
            "Step 's' is invalid: the start limit must be at least 1 (was 0); the chunk size must be at least 1 (was 0); "
            + "the listener StringReadListener is an IItemReadListener<String>, which does not match the step's items (Int32 read, Int32 written).");
    }

    [Fact]
    public void Chunk_Build_MissingReaderAndWriter_FailWithExactMessage()
    {
        Should.Throw<InvalidOperationException>(() => new StepBuilder("s").Chunk<int, string>(10).Build()).Message.ShouldBe(
            "Step 's' is invalid: a reader is required; a writer is required; a processor is required to turn Int32 into String.");
    }

    [Fact]
    public void Chunk_Build_ContravariantReadListener_IsAccepted()
    {
        var listener = new ObjectReadListener();

        var step = new StepBuilder("s").Chunk<string, string>(3).StartLimit(2)
            .Reader(_ => new InMemoryItemReader<string>([])).Writer(_ => new InMemoryItemWriter<string>())
            .Listener(listener).Build();

        step.StartLimit.ShouldBe(2);
        step.Listeners.ShouldBe([listener]);
    }

    [Fact]
    public void Tasklet_Build_ItemListenerAndBadName_FailWithExactMessage()
    {
        var builder = new StepBuilder("a:b").Tasklet(new NoopTasklet()).Listener(new StringReadListener()).StartLimit(-1);

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message.ShouldBe(
            "Step 'a:b' is invalid: a step needs a name without ':'; the start limit must be at least 1 (was -1); "
            + "the listener StringReadListener only listens to items (IItemReadListener<String>), but a tasklet step reads and writes none.");
    }

    [Fact]
    public void Tasklet_Build_KeepsSettings()
    {
        var listener = new RecordingChunkListener();
        var step = new StepBuilder("t").Tasklet(new NoopTasklet()).Listener(listener).StartLimit(3).AllowStartIfComplete().Build();

        (step.Name, step.StartLimit, step.AllowStartIfComplete).ShouldBe(("t", 3, true));
        step.Listeners.ShouldBe([listener]);
    }

    private sealed class StringReadListener : IItemReadListener<string>;

    private sealed class ObjectReadListener : IItemReadListener<object>;

    private sealed class RecordingChunkListener : IChunkListener;

    private sealed class NoopTasklet : ITasklet
    {
        public ValueTask<RepeatStatus> ExecuteAsync(StepContribution contribution, ChunkContext chunkContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(RepeatStatus.Finished);
    }
}
