using Azure.Data.Tables;
using Conveyor.Api.Uploads;
using Conveyor.Batch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Api;

/// <summary>Adds the API's handlers to a host that has Conveyor (<c>AddConveyor</c> or <c>AddConveyorCore</c>).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>The name of the receipts table after the repository's table prefix.</summary>
    public const string ReceiptsTableSuffix = "BlobReceipts";

    /// <summary>
    /// Adds <see cref="JobHandlers"/>, <see cref="ExecutionHandlers"/>, the upload trigger's start-once path
    /// (<see cref="BlobUploadTrigger"/>, <see cref="BlobJobStarter"/>, the receipts table) and problem details. The host
    /// registers its <see cref="IOrchestrationLinkFactory"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration: <c>Conveyor:MaxUploadBytes</c> and section <c>Conveyor:BlobTrigger</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConveyorApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddProblemDetails();
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
        services.AddSingleton<JobStartedAnswer>();
        services.AddSingleton<JobHandlers>();
        services.AddSingleton<ExecutionHandlers>();
        return services;
    }
}
