using Conveyor.Batch.IO.Memory;
using ExecutionContext = Conveyor.Batch.Item.ExecutionContext;

namespace Conveyor.Batch.Tests.IO.Memory;

public sealed class InMemoryItemReaderTests
{
    [Fact]
    public async Task OpenAsync_SavedIndex_ResumesWithNextItem()
    {
        var context = new ExecutionContext();
        var first = new InMemoryItemReader<string>(["a", "b", "c", "d"], "letters");
        await first.OpenAsync(context, TestContext.Current.CancellationToken);
        await first.ReadAsync(TestContext.Current.CancellationToken);
        await first.ReadAsync(TestContext.Current.CancellationToken);
        await first.UpdateAsync(context, TestContext.Current.CancellationToken);

        var second = new InMemoryItemReader<string>(["a", "b", "c", "d"], "letters");
        await second.OpenAsync(ExecutionContext.FromJson(context.ToJson()), TestContext.Current.CancellationToken);
        var (rest, _) = await TestData.ReadAllAsync(second);

        context.Get<int>("letters.index").ShouldBe(2);
        rest.ShouldBe(["c", "d"]);
        (await second.ReadAsync(TestContext.Current.CancellationToken)).HasItem.ShouldBeFalse();
    }
}
