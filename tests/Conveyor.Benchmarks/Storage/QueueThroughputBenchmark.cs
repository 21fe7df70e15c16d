using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Conveyor.Storage.Queues;

namespace Conveyor.Benchmarks.Storage;

/// <summary>
/// Queue round trips: N messages sent by W concurrent workers, then received in batches of 32 and deleted one by one
/// by W workers; ours against @azure/storage-queue (<c>infra/local/interop/queue-bench.js</c>, same pattern) on
/// the same Azurite, alternating, median of a few repetitions.
/// </summary>
/// <remarks>
/// 1,000 messages rather than more: Azurite scans a queue's messages on every receive, so its cost grows with the
/// queue's length and a 5,000-message run takes minutes on the disk-backed emulator, measuring Azurite more than
/// either client.
/// </remarks>
internal sealed class QueueThroughputBenchmark : IBenchmarkSuite
{
    private const int Messages = 1000;
    private const int Workers = 8;
    private const int BodyBytes = 256;
    private const int Repetitions = 3;

    public string Group => "storage";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var service = new QueueServiceClient(context.ConnectionString);

        // Warm-up of both (JIT, connections, Azurite's first queues), not measured.
        await RunConveyorAsync(service, 200, cancellationToken);
        await RunJsAsync(context, 200, cancellationToken);

        var ours = new List<double>();
        var theirs = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            // Alternate who goes first: Azurite slows down as deleted messages pile up until its GC runs.
            if (i % 2 == 0)
            {
                ours.Add(Messages / await RunConveyorAsync(service, Messages, cancellationToken));
                theirs.Add(Messages / await RunJsAsync(context, Messages, cancellationToken));
            }
            else
            {
                theirs.Add(Messages / await RunJsAsync(context, Messages, cancellationToken));
                ours.Add(Messages / await RunConveyorAsync(service, Messages, cancellationToken));
            }
        }

        var conveyor = Median(ours);
        var js = Median(theirs);
        context.Metric("queue_send_receive_delete_mps_conveyor", conveyor, "messages/s");
        context.Metric("queue_send_receive_delete_mps_jssdk", js, "messages/s");
        context.Metric("queue_send_receive_delete_ratio", conveyor / js, "x");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> RunConveyorAsync(QueueServiceClient service, int total, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient("bench-ours-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        var body = new BinaryData(Enumerable.Repeat((byte)'x', BodyBytes).ToArray());

        var stopwatch = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                await queue.SendMessageAsync(body, cancellationToken: cancellationToken);
            }
        }));

        var deleted = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (Volatile.Read(ref deleted) < total)
            {
                var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
                foreach (var message in batch)
                {
                    if (message.Body.ToMemory().Length != BodyBytes)
                    {
                        throw new InvalidOperationException("unexpected body");
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    Interlocked.Increment(ref deleted);
                }
            }
        }));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await queue.DeleteIfExistsAsync(cancellationToken);
        return seconds;
    }

    private static async Task<double> RunJsAsync(BenchmarkContext context, int total, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = context.NodeToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "interop/queue-bench.js", "bench-js-" + Guid.NewGuid().ToString("N")[..12], total.ToString(CultureInfo.InvariantCulture),
            Workers.ToString(CultureInfo.InvariantCulture), BodyBytes.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AZURE_STORAGE_CONNECTION_STRING"] = context.ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"queue-bench.js exited with {process.ExitCode}: {await error}");
        }

        using var result = JsonDocument.Parse(await output);
        return result.RootElement.GetProperty("seconds").GetDouble();
    }
}
