using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.TestWorker;
using Conveyor.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// usage: Conveyor.Durable.TestWorker <connection string> <hub name> <partitions> [activity delay ms]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Conveyor.Durable.TestWorker <connection string> <hub name> <partitions> [activity delay ms]");
    return 2;
}

var hub = new TaskHubOptions { ConnectionString = args[0], TaskHubName = args[1], PartitionCount = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) };
var delay = TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
var options = new DurableTaskWorkerOptions
{
    LeasePeriod = TimeSpan.FromSeconds(15),
    LeaseRenewInterval = TimeSpan.FromSeconds(2),
    MaxPollingInterval = TimeSpan.FromMilliseconds(250),
    ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(10),
    WorkItemVisibilityTimeout = TimeSpan.FromSeconds(10),
};
using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new PartitionEventLogger()));
await using var services = new ServiceCollection().BuildServiceProvider();
using var worker = new DurableTaskWorker(hub, options, new DurableTaskRegistry().AddSamples(activityDelay: delay), services, loggerFactory);
await WorkerProcessLifetime.RunAsync(worker);
return 0;
