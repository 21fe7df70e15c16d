using Conveyor.Batch.Hosting;
using Conveyor.Server.Errors;
using Conveyor.Server.Security;

namespace Conveyor.Server.Hosting;

/// <summary>The app's services: Conveyor on the configured storage, keys, problem details, OpenAPI.</summary>
internal static class AppServiceCollectionExtensions
{
    /// <summary>The configuration key of the storage connection (a connection string, or identity-based <c>__blobServiceUri</c>…), as in Azure Functions.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>Adds the app's services; returns the Conveyor builder to register jobs on.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app's configuration: <c>AzureWebJobsStorage</c> and the <c>Conveyor</c> section.</param>
    /// <returns>The Conveyor builder.</returns>
    public static ConveyorBuilder AddConveyorApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExceptionHandler<ConveyorExceptionHandler>();
        services.AddOpenApi();
        services.AddOptions<FunctionKeysOptions>().Bind(configuration.GetSection(FunctionKeysOptions.Section));
        return services.AddConveyor(options =>
        {
            configuration.GetSection("Conveyor").Bind(options);
            options.Storage = Storage(configuration);
        });
    }

    /// <summary>
    /// Returns the configured storage connection, read as Azure Functions reads <c>AzureWebJobsStorage</c>
    /// (<see cref="StorageConnection.FromConfiguration"/>); development storage when nothing is set.
    /// </summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="InvalidOperationException">The settings are incomplete or invalid; the message names each setting.</exception>
    public static StorageConnection Storage(IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageSetting);
        return section.Value is { Length: > 0 } || section.GetChildren().Any()
            ? StorageConnection.FromConfiguration(section)
            : StorageConnection.FromConnectionString("UseDevelopmentStorage=true");
    }
}
