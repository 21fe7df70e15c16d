using Conveyor.Batch.Hosting;
using Conveyor.Functions.Errors;
using Conveyor.Functions.Security;

namespace Conveyor.Functions.Hosting;

/// <summary>The app's services: Conveyor on the configured storage, keys, problem details, OpenAPI.</summary>
internal static class AppServiceCollectionExtensions
{
    /// <summary>The configuration key of the storage connection string, as in Azure Functions.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>Adds the app's services; returns the Conveyor builder to register jobs on.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app's configuration: <c>AzureWebJobsStorage</c> and the <c>Conveyor</c> section.</param>
    /// <returns>The Conveyor builder.</returns>
    public static ConveyorBuilder AddConveyorApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ConveyorExceptionHandler>();
        services.AddOpenApi();
        services.AddOptions<FunctionKeysOptions>().Bind(configuration.GetSection(FunctionKeysOptions.Section));
        return services.AddConveyor(options =>
        {
            configuration.GetSection("Conveyor").Bind(options);
            options.ConnectionString = StorageConnectionString(configuration);
        });
    }

    /// <summary>Returns the configured storage connection string; development storage when none is set.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The connection string.</returns>
    public static string StorageConnectionString(IConfiguration configuration) =>
        configuration[StorageSetting] is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";
}
