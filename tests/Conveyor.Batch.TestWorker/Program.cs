using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.Batch.TestWorker;
using Conveyor.Durable;
using Conveyor.Durable.TaskHub;
using Conveyor.Durable.TestWorker;
using Conveyor.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Runs two jobs: the identity transform CsvTransformJob (named by the 4th argument; crash tests) and TransformJob
// ("transform"; the batch benchmark).
const string Usage = "usage: Conveyor.Batch.TestWorker <connection string> <task hub> <repository prefix> [job name=csv-transform] [chunk size=1000] [hub partitions=4] [partition budget s=240] [checkpoint interval ms=1000]";
if (args.Length < 3)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
var connectionString = args[0];
var jobName = args.Length > 3 ? args[3] : "csv-transform";
var hub = new TaskHubOptions { ConnectionString = connectionString, TaskHubName = args[1], PartitionCount = Arg(5, 4) };
var blobs = new BlobServiceClient(connectionString);
var repository = new TableJobRepository(new TableServiceClient(connectionString), args[2]);
await repository.CreateIfNotExistsAsync();
await using var services = new ServiceCollection()
    .AddSingleton(new JobRegistry().Add(CsvTransformJob.Create(blobs, jobName, Arg(4, 1000))).Add(TransformJob.Create(blobs)))
    .AddSingleton<IJobRepository>(repository)
    .AddSingleton(TimeProvider.System)
    .AddSingleton(Options.Create(new BatchOptions { PartitionTimeBudget = TimeSpan.FromSeconds(Arg(6, 240)), CheckpointInterval = TimeSpan.FromMilliseconds(Arg(7, 1000)) }))
    .BuildServiceProvider();
var options = new DurableTaskWorkerOptions
{
    LeasePeriod = TimeSpan.FromSeconds(15),
    LeaseRenewInterval = TimeSpan.FromSeconds(2),
    MaxPollingInterval = TimeSpan.FromMilliseconds(250),
    ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(10),
    WorkItemVisibilityTimeout = TimeSpan.FromSeconds(10),

    // One CPU-bound partition per core: what this worker cannot start waits in the queue for the other workers.
    MaxConcurrentActivities = Environment.ProcessorCount,
};
using (var client = DurableTaskClient.Create(hub))
{
    await client.CreateTaskHubIfNotExistsAsync();
}

using var worker = new DurableTaskWorker(hub, options, new DurableTaskRegistry().AddConveyorBatch(), services);
await WorkerProcessLifetime.RunAsync(worker);
return 0;
