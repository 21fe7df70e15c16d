using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Cli.Tests;

/// <summary>Small jobs for the CLI's tests.</summary>
internal static class TestJobs
{
    /// <summary>Reads 1..<paramref name="count"/>, filters multiples of 10, writes the rest; chunks of 10.</summary>
    public static JobDefinition Numbers(string name = "numbers", int count = 95) =>
        new JobBuilder(name).Start(new StepBuilder("count").Chunk<int, string>(10)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, count)))
            .Processor(_ => new FuncProcessor<int, string>(x => x % 10 == 0 ? null : x.ToString(CultureInfo.InvariantCulture)))
            .Writer(_ => new InMemoryItemWriter<string>())
            .Build()).Build();

    /// <summary>Needs the parameter <c>run</c>; fails on item 3 unless the parameter <c>fail</c> is "no".</summary>
    public static JobDefinition Failing(string name = "failing") =>
        new JobBuilder(name).Validator(["run"], ["run", "fail"]).Start(new StepBuilder("explode").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 6)))
            .Processor(context => new FuncProcessor<int, int>(x => x == 3 && context.Parameters.GetString("fail") != "no" ? throw new InvalidOperationException("planned failure at 3") : x))
            .Writer(_ => new InMemoryItemWriter<int>())
            .Build()).Build();

    /// <summary>Reads the uploaded CSV blob named by <c>input.file</c> (header <c>value</c>) into memory.</summary>
    public static JobDefinition Lines(BlobServiceClient blobs, string container, string name = "lines", InMemoryItemWriter<string>? writer = null) =>
        new JobBuilder(name)
            .Input(container, "in/", "input.file")
            .Validator(["input.file"])
            .Start(new StepBuilder("load").Chunk<string, string>(3)
                .Reader(context => new CsvItemReader<string>(
                    blobs.GetBlobContainerClient(container).GetBlobClient(context.Parameters.GetString("input.file")!), r => r["value"]))
                .Writer(_ => writer ?? new InMemoryItemWriter<string>())
                .Build())
            .Build();

    /// <summary>Processes one item per <paramref name="delayMilliseconds"/>, for stopping it mid-run.</summary>
    public static JobDefinition Slow(string name = "slow", int count = 200, int delayMilliseconds = 50) =>
        new JobBuilder(name).Start(new StepBuilder("crawl").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, count)))
            .Processor(_ => new DelayProcessor(TimeSpan.FromMilliseconds(delayMilliseconds)))
            .Writer(_ => new InMemoryItemWriter<int>())
            .Build()).Build();

    private sealed class FuncProcessor<TIn, TOut>(Func<TIn, TOut?> body) : IItemProcessor<TIn, TOut>
    {
        public ValueTask<TOut?> ProcessAsync(TIn item, CancellationToken cancellationToken = default) => ValueTask.FromResult(body(item));
    }

    private sealed class DelayProcessor(TimeSpan delay) : IItemProcessor<int, int>
    {
        public async ValueTask<int> ProcessAsync(int item, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return item;
        }
    }
}
