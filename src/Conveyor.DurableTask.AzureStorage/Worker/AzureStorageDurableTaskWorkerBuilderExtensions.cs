using Conveyor.DurableTask.AzureStorage.TaskHub;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>Plugs the Azure Storage backend into the Durable Task SDK's worker builder.</summary>
public static class AzureStorageDurableTaskWorkerBuilderExtensions
{
    /// <summary>
    /// Runs this worker's orchestrators and activities on the Durable Task Framework's Azure Storage engine.
    /// </summary>
    /// <param name="builder">The worker builder (<c>services.AddDurableTaskWorker(b => ..)</c>).</param>
    /// <param name="configure">Sets the task hub and engine options; they are validated when the worker is built.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>
    /// The worker creates the task hub in storage if it does not exist, starts when the host starts and, when the host
    /// stops, finishes the work items in hand and releases its partitions. A client registered with
    /// <c>UseAzureStorage</c> on the same hub shares this worker's engine.
    /// </remarks>
    public static IDurableTaskWorkerBuilder UseAzureStorage(
        this IDurableTaskWorkerBuilder builder, Action<AzureStorageDurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        builder.Services.Configure(name, configure);
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AzureStorageDurableTaskWorkerOptions>, AzureStorageDurableTaskWorkerOptionsValidator>());
        builder.Services.AddSingleton(sp => new WorkerTaskHub(
            () => sp.GetRequiredService<IOptionsMonitor<AzureStorageDurableTaskWorkerOptions>>().Get(name).TaskHub));
        builder.Services.TryAddSingleton<TaskHubServiceProvider>();

        // The options type must be a subclass: with DurableTaskWorkerOptions itself the post-configure step reads the
        // monitor it is configuring and deadlocks.
        return builder.UseBuildTarget<AzureStorageDurableTaskWorker, AzureStorageDurableTaskWorkerOptions>();
    }
}
