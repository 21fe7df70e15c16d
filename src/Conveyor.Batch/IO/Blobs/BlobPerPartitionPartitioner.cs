using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Conveyor.Batch.Core;
using Conveyor.Batch.Steps;

namespace Conveyor.Batch.IO.Blobs;

/// <summary>Partitions a step over the blobs of a container: one partition per blob whose name starts with a prefix.</summary>
/// <remarks>
/// The blobs are listed when the step starts and ordered by name with ordinal comparison, so partition indexes are
/// stable for the same set of blobs (a restart plans the same partitions as long as the blobs did not change). Each
/// <see cref="PartitionSpec"/> carries the blob's name under <see cref="BlobSetting"/>. When no blob matches, one
/// partition without a <see cref="BlobSetting"/> is returned, so the step runs and reads nothing.
/// </remarks>
public sealed class BlobPerPartitionPartitioner : IPartitioner
{
    /// <summary>The setting holding the partition's blob name.</summary>
    public const string BlobSetting = "blob";

    private readonly Func<JobParameters, IServiceProvider, BlobContainerClient> _container;
    private readonly Func<JobParameters, string?> _prefix;

    /// <summary>Initializes a new instance of the <see cref="BlobPerPartitionPartitioner"/> class.</summary>
    /// <param name="container">Returns the container to list, from the job parameters and the app's services.</param>
    /// <param name="prefix">The blob name prefix; null or empty for every blob of the container.</param>
    public BlobPerPartitionPartitioner(Func<JobParameters, IServiceProvider, BlobContainerClient> container, string? prefix = null)
        : this(container, _ => prefix)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BlobPerPartitionPartitioner"/> class with a prefix taken from the job parameters.</summary>
    /// <param name="container">Returns the container to list, from the job parameters and the app's services.</param>
    /// <param name="prefix">Returns the blob name prefix from the job parameters; null or empty for every blob.</param>
    public BlobPerPartitionPartitioner(Func<JobParameters, IServiceProvider, BlobContainerClient> container, Func<JobParameters, string?> prefix)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        _container = container;
        _prefix = prefix;
    }

    /// <summary>Returns the blob a partition made by this partitioner reads.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns>The blob name, or <see langword="null"/> for the empty partition of a prefix that matched nothing.</returns>
    public static string? BlobOf(PartitionSpec partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.Get(BlobSetting);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PartitionSpec>> PartitionAsync(JobParameters parameters, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(services);
        var container = _container(parameters, services) ?? throw new InvalidOperationException("The container function returned null.");
        var prefix = _prefix(parameters);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, string.IsNullOrEmpty(prefix) ? null : prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            names.Add(item.Name);
        }

        if (names.Count == 0)
        {
            return [new PartitionSpec(0, 1, new Dictionary<string, string>())];
        }

        names.Sort(StringComparer.Ordinal);
        var specs = new PartitionSpec[names.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = new PartitionSpec(i, specs.Length, new Dictionary<string, string>(StringComparer.Ordinal) { [BlobSetting] = names[i] });
        }

        return specs;
    }
}
