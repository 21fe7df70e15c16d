using System.Collections.Concurrent;
using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.IO;
using Conveyor.Batch.IO.Csv;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Testing;

namespace Conveyor.Server.Tests.Api;

/// <summary>Small jobs of one test app, each writing into a sink the test can inspect.</summary>
internal sealed class TestJobs
{
    /// <summary>Counts 1..count (parameter <c>count</c>, a long, default 7) in chunks of 3; needs <c>run</c>.</summary>
    public const string Numbers = "numbers";

    /// <summary>Processes 30 items in chunks of 2, 60 ms per item; needs <c>run</c>.</summary>
    public const string Slow = "slow";

    /// <summary>Imports the uploaded CSV (<c>id,name,qty</c>) named by <c>input.file</c>; skips malformed lines.</summary>
    public const string CsvImport = "csvImport";

    /// <summary>One item, no parameter rules, no input.</summary>
    public const string Plain = "plain";

    public const int SlowItems = 30;

    public const string InputPrefix = "in/";

    /// <summary>Gets the container the CSV job's files are uploaded to (one per test app).</summary>
    public string InputContainer { get; } = AzuriteFixture.UniqueName("input");

    /// <summary>Gets what the numbers job wrote, by execution.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<int>> Counted { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets how often the slow job wrote each item (over all its executions).</summary>
    public ConcurrentDictionary<int, int> SlowWrites { get; } = new();

    /// <summary>Gets the rows the CSV job wrote, by execution.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<CsvRow>> Imported { get; } = new(StringComparer.Ordinal);

    public void Register(JobRegistry registry, BlobServiceClient blobs)
    {
        registry.Add(new JobBuilder(Numbers)
            .Start(new StepBuilder("count").Chunk<int, int>(3)
                .Reader(c => new InMemoryItemReader<int>(Enumerable.Range(1, (int)(c.Parameters.GetLong("count") ?? 7))))
                .Writer(c => new SinkWriter<int>(Counted.GetOrAdd(c.JobExecutionId, _ => [])))
                .Build())
            .Validator(new JobParametersValidator(["run"], ["count", "note", "when", "ratio"])
            {
                Types = new Dictionary<string, string> { ["count"] = "long", ["when"] = "date", ["ratio"] = "double" },
            })
            .Build());
        registry.Add(new JobBuilder(Slow)
            .Start(new StepBuilder("crawl").Chunk<int, int>(2)
                .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, SlowItems)))
                .Processor(_ => new DelayProcessor(TimeSpan.FromMilliseconds(60)))
                .Writer(_ => new CountingWriter(SlowWrites))
                .Build())
            .Validator(["run"])
            .Build());
        registry.Add(new JobBuilder(CsvImport)
            .Start(new StepBuilder("import").Chunk<CsvRow, CsvRow>(2)
                .Reader(c => new CsvItemReader<CsvRow>(
                    blobs.GetBlobContainerClient(InputContainer).GetBlobClient(c.Parameters.GetString("input.file")!),
                    CsvRow.From,
                    new CsvItemReaderOptions { FormatProvider = CultureInfo.InvariantCulture }))
                .Writer(c => new SinkWriter<CsvRow>(Imported.GetOrAdd(c.JobExecutionId, _ => [])))
                .FaultTolerant(new FaultTolerance { Skippable = [typeof(MalformedRecordException)], SkipLimit = 5 })
                .Build())
            .Input(InputContainer, InputPrefix, "input.file")
            .Build());
        registry.Add(new JobBuilder(Plain)
            .Start(new StepBuilder("one").Chunk<int, int>(1)
                .Reader(_ => new InMemoryItemReader<int>([1]))
                .Writer(_ => new SinkWriter<int>([]))
                .Build())
            .Build());
    }

    internal sealed record CsvRow(string Id, string Name, long Qty)
    {
        public static CsvRow From(CsvRecordView record) => new(record["id"], record["name"], record.Parse<long>("qty"));
    }

    private sealed class SinkWriter<T>(ConcurrentBag<T> sink) : IItemWriter<T>
    {
        public Task WriteAsync(Chunk<T> chunk, CancellationToken cancellationToken = default)
        {
            foreach (var item in chunk)
            {
                sink.Add(item);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class CountingWriter(ConcurrentDictionary<int, int> writes) : IItemWriter<int>
    {
        public Task WriteAsync(Chunk<int> chunk, CancellationToken cancellationToken = default)
        {
            foreach (var item in chunk)
            {
                writes.AddOrUpdate(item, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }
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
