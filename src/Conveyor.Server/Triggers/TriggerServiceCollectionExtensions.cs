using Azure.Data.Tables;
using Conveyor.Batch.Hosting;
using Microsoft.Extensions.Options;

namespace Conveyor.Server.Triggers;

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
            return new BlobReceiptStore(sp.GetRequiredService<TableServiceClient>().GetTableClient(conveyor.TablePrefix + ReceiptsTableSuffix));
        });
        services.AddSingleton<BlobJobStarter>();
        services.AddSingleton<BlobUploadTrigger>();
        services.AddHostedService<BlobTriggerPoller>();
        return services;
    }
}
