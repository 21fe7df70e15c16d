using Conveyor.Durable.Worker;

namespace Conveyor.Durable.TestWorker;

/// <summary>
/// The life of a test worker process (this one and Conveyor.Batch.TestWorker, which links this file): starts the worker,
/// prints <c>started</c>, and stops gracefully when standard input closes or on Ctrl+C, then prints <c>stopped</c>.
/// SIGKILL is the crash case.
/// </summary>
internal static class WorkerProcessLifetime
{
    public static async Task RunAsync(DurableTaskWorker worker)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await worker.StartAsync(CancellationToken.None);
        Console.Out.WriteLine("started");
        Console.Out.Flush();

        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        await worker.StopAsync(CancellationToken.None);
        Console.Out.WriteLine("stopped");
    }
}
