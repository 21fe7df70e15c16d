using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>What a reader, processor or writer factory knows about the partition it serves.</summary>
/// <param name="JobName">The job.</param>
/// <param name="JobExecutionId">The job execution.</param>
/// <param name="StepName">The step.</param>
/// <param name="Parameters">The job parameters.</param>
/// <param name="Partition">The partition (index, count, and its own settings such as a byte range or a blob name).</param>
/// <param name="Services">The app's services (storage clients, HTTP clients, options).</param>
public sealed record StepContext(string JobName, string JobExecutionId, string StepName, JobParameters Parameters, PartitionSpec Partition, IServiceProvider Services);
