using Conveyor.DurableTask.AzureStorage.TaskHub;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>Plugs the Azure Storage backend into the Durable Task SDK's client builder.</summary>
public static class AzureStorageDurableTaskClientBuilderExtensions
{
    /// <summary>Makes this client manage orchestrations in a task hub on the Durable Task Framework's Azure Storage engine.</summary>
    /// <param name="builder">The client builder (<c>services.AddDurableTaskClient(b => ..)</c>).</param>
    /// <param name="configure">Sets the task hub; validated when the client is built.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>
    /// The task hub is created in storage on the client's first call if it does not exist. A worker registered with
    /// <c>UseAzureStorage</c> on the same hub in the same container shares its engine (and its settings) with the client.
    /// </remarks>
    public static IDurableTaskClientBuilder UseAzureStorage(
        this IDurableTaskClientBuilder builder, Action<AzureStorageDurableTaskClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AzureStorageDurableTaskClientOptions>, AzureStorageDurableTaskClientOptionsValidator>());
        builder.Services.TryAddSingleton<TaskHubServiceProvider>();
        return builder.UseBuildTarget<AzureStorageDurableTaskClient, AzureStorageDurableTaskClientOptions>();
    }
}
