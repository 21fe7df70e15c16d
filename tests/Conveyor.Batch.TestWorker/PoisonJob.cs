using System.Diagnostics;
using Conveyor.Batch.IO.Memory;
using Conveyor.Batch.Item;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.TestWorker;

/// <summary>
/// A job with a poison item: processing item <see cref="PoisonItem"/> kills the process running it (SIGKILL, no
/// chance to record anything), as an item that crashes the worker would. Whichever worker picks its partition up dies.
/// </summary>
public static class PoisonJob
{
    /// <summary>The job's name.</summary>
    public const string Name = "poison";

    /// <summary>The item that kills its worker.</summary>
    public const int PoisonItem = 5;

    /// <summary>Creates the job: one step, items 1 to 10 in chunks of 2.</summary>
    /// <returns>The job.</returns>
    public static JobDefinition Create() =>
        new JobBuilder(Name).Start(new StepBuilder("eat").Chunk<int, int>(2)
            .Reader(_ => new InMemoryItemReader<int>(Enumerable.Range(1, 10)))
            .Processor(_ => new KillingProcessor())
            .Writer(_ => new InMemoryItemWriter<int>())
            .Build()).Build();

    private sealed class KillingProcessor : IItemProcessor<int, int>
    {
        public ValueTask<int> ProcessAsync(int item, CancellationToken cancellationToken = default)
        {
            if (item == PoisonItem)
            {
                using var self = Process.GetCurrentProcess();
                self.Kill();
            }

            return ValueTask.FromResult(item);
        }
    }
}
