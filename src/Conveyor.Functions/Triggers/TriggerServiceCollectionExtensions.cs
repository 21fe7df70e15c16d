using Conveyor.Batch.Hosting;
using Conveyor.Storage.Blobs;
using Conveyor.Storage.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conveyor.Functions.Triggers;

/// <summary>Registers the blob-upload trigger.</summary>
internal static class TriggerServiceCollectionExtensions
{
    /// <summary>The name of the receipts table after the repository's table prefix.</summary>
    public const string ReceiptsTableSuffix = "BlobReceipts";

    /// <summary>Adds the blob-upload trigger: the start-once path, the receipts table and the self-hosted poller.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration; section <c>Conveyor:BlobTrigger</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConveyorTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlobTriggerOptions>().Bind(configuration.GetSection(BlobTriggerOptions.Section)).Validate(
            o =>
            {
                o.Validate();
                return true;
            });
        services.AddSingleton(sp =>
        {
            var conveyor = sp.GetRequiredService<IOptions<ConveyorOptions>>().Value;
            return new BlobReceiptStore(new TableClient(conveyor.ConnectionString, conveyor.TablePrefix + ReceiptsTableSuffix));
        });
        services.TryAddSingleton(sp => new BlobServiceClient(sp.GetRequiredService<IOptions<ConveyorOptions>>().Value.ConnectionString));
        services.AddSingleton<BlobJobStarter>();
        services.AddSingleton<BlobUploadTrigger>();
        services.AddHostedService<BlobTriggerPoller>();
        return services;
    }
}
