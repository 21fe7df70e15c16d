using System.Globalization;
using Conveyor.DurableTask.AzureStorage.TestWorker;
using Conveyor.DurableTask.AzureStorage.Worker;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// usage: Conveyor.DurableTask.AzureStorage.TestWorker <connection string> <hub name> <partitions> [activity delay ms]
// Prints "started", then "activity <name> <input>" as each activity starts; stops gracefully when stdin closes
// ("stopped"). SIGKILL is the crash case.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Conveyor.DurableTask.AzureStorage.TestWorker <connection string> <hub name> <partitions> [activity delay ms]");
    return 2;
}

var hub = TestTaskHubs.Fast(args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
var delay = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);
var output = TextWriter.Synchronized(Console.Out);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddDurableTaskWorker(b => b
    .AddTasks(r => r.AddSamples((name, input) => output.WriteLine($"activity {name} {input}"), delay))
    .UseAzureStorage(o => o.TaskHub = hub));
using var host = builder.Build();
await host.StartAsync();
output.WriteLine("started");

await Task.Run(() => Console.In.ReadToEnd());
await host.StopAsync();
output.WriteLine("stopped");
return 0;
