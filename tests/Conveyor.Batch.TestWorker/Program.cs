using System.Globalization;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.TestWorker;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// usage: Conveyor.Batch.TestWorker <connection string> <hub name> <table prefix> [checkpoint interval ms]
// (or CONVEYOR_CONNECTION_STRING, CONVEYOR_HUB, CONVEYOR_TABLE_PREFIX, CONVEYOR_CHECKPOINT_MS).
string? Arg(int index, string variable) => args.Length > index ? args[index] : Environment.GetEnvironmentVariable(variable);

var connectionString = Arg(0, "CONVEYOR_CONNECTION_STRING");
var hubName = Arg(1, "CONVEYOR_HUB");
var prefix = Arg(2, "CONVEYOR_TABLE_PREFIX");
if (string.IsNullOrEmpty(connectionString) || string.IsNullOrEmpty(hubName) || string.IsNullOrEmpty(prefix))
{
    Console.Error.WriteLine("usage: Conveyor.Batch.TestWorker <connection string> <hub name> <table prefix> [checkpoint interval ms]");
    return 2;
}

var batchOptions = new BatchOptions();
if (Arg(3, "CONVEYOR_CHECKPOINT_MS") is { Length: > 0 } checkpoint)
{
    batchOptions.CheckpointInterval = TimeSpan.FromMilliseconds(int.Parse(checkpoint, CultureInfo.InvariantCulture));
}

var repository = new TableJobRepository(connectionString, prefix);
await repository.CreateIfNotExistsAsync();
var registry = new JobRegistry();
registry.Add(TransformJob.Create(connectionString));
await using var services = new ServiceCollection()
    .AddSingleton(registry)
    .AddSingleton<IJobRepository>(repository)
    .AddSingleton(TimeProvider.System)
    .AddSingleton(Options.Create(batchOptions))
    .BuildServiceProvider();
var hub = new TaskHubOptions { ConnectionString = connectionString, TaskHubName = hubName };
var workerOptions = new DurableTaskWorkerOptions
{
    MaxConcurrentActivities = 4,
    MaxConcurrentOrchestrations = 8,
    MaxPollingInterval = TimeSpan.FromMilliseconds(100),
};
using var worker = new DurableTaskWorker(hub, workerOptions, new DurableTaskRegistry().AddConveyorBatch(), services);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await worker.StartAsync(CancellationToken.None);
Console.Out.WriteLine("started");
Console.Out.Flush();

// Stop gracefully when stdin closes or Ctrl+C; SIGKILL is the crash case.
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
await worker.StopAsync(CancellationToken.None);
Console.Out.WriteLine("stopped");
return 0;
