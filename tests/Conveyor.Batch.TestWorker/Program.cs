using System.Globalization;
using Azure.Storage.Blobs;
using Conveyor.Batch.Hosting;
using Conveyor.Batch.TestWorker;
using Conveyor.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Runs three jobs: the identity transform CsvTransformJob (named by the 4th argument; crash tests), TransformJob
// ("transform"; the batch benchmark) and PoisonJob ("poison"; an item that kills the process running it).
// Prints "started" once the worker runs; stops gracefully when standard input closes ("stopped"). SIGKILL is the crash case.
const string Usage = "usage: Conveyor.Batch.TestWorker <connection string> <task hub> <repository prefix> [job name=csv-transform] [chunk size=1000] [hub partitions=4] [partition budget s=240] [checkpoint interval ms=1000]";
if (args.Length < 3)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
var jobName = args.Length > 3 ? args[3] : "csv-transform";
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddConveyor(options =>
    {
        options.ConnectionString = args[0];
        options.TaskHubName = args[1];
        options.TablePrefix = args[2];
        options.PartitionCount = Arg(5, 4);
        options.Batch.PartitionTimeBudget = TimeSpan.FromSeconds(Arg(6, 240));
        options.Batch.CheckpointInterval = TimeSpan.FromMilliseconds(Arg(7, 1000));
        options.TaskHub = hub =>
        {
            FastTaskHub.Apply(hub);

            // One CPU-bound partition per core: what this worker cannot start waits in the queue for the other workers.
            hub.MaxConcurrentActivities = Environment.ProcessorCount;
        };
    })
    .AddJobs((registry, services) =>
    {
        var blobs = services.GetRequiredService<BlobServiceClient>();
        registry.Add(CsvTransformJob.Create(blobs, jobName, Arg(4, 1000))).Add(TransformJob.Create(blobs)).Add(PoisonJob.Create());
    });
using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("started");
Console.Out.Flush();

// Standard input closes when the test stops this worker (or dies): stop gracefully, releasing the partitions.
await Task.Run(() => Console.In.ReadToEnd());
await host.StopAsync();
Console.Out.WriteLine("stopped");
return 0;
