using Conveyor.Batch.Core;

namespace Conveyor.Batch.Steps;

/// <summary>Splits a step's input into partitions that run in parallel (byte ranges of one blob, one per blob, …).</summary>
public interface IPartitioner
{
    /// <summary>Plans the partitions.</summary>
    /// <param name="parameters">The job parameters.</param>
    /// <param name="services">The app's services.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>At least one partition; indexes 0..Count-1.</returns>
    Task<IReadOnlyList<PartitionSpec>> PartitionAsync(JobParameters parameters, IServiceProvider services, CancellationToken cancellationToken = default);
}
