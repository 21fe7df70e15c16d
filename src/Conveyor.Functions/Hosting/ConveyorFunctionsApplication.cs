using Azure.Core.Serialization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Api;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Hosting;
using Conveyor.Samples;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Functions.Hosting;

/// <summary>Sets up the Functions app: the ASP.NET Core integration, Conveyor without an engine of its own, the API, and Conveyor's durable tasks.</summary>
public static class ConveyorFunctionsApplication
{
    /// <summary>The storage connection's setting, the one the Functions host and its Durable extension use.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>The configuration section of the sample jobs (<c>Conveyor:Samples</c>; off unless <c>Enabled</c>).</summary>
    public const string SamplesSection = "Conveyor:Samples";

    /// <summary>
    /// Adds everything the app runs: <c>ConfigureFunctionsWebApplication</c>; Conveyor's repository and clients on
    /// <c>AzureWebJobsStorage</c> (<see cref="ConveyorServiceCollectionExtensions.AddConveyorCore"/>; the Functions host's Durable
    /// extension is the engine, configured in <c>host.json</c>); the API with the extension's management URLs; and
    /// Conveyor's orchestrators and activities, registered through <see cref="BatchRegistration.AddConveyorBatch"/> with
    /// <c>ConfigureDurableWorker().AddTasks(..)</c>. The extension's <c>DurableMetadataTransformer</c> turns each registered
    /// task into a function of the same name (<c>ConveyorJob</c>, <c>ConveyorExecutePartition</c>, …).
    /// </summary>
    /// <param name="builder">The Functions application builder.</param>
    /// <returns>The builder.</returns>
    public static FunctionsApplicationBuilder AddConveyorFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        var configuration = builder.Configuration;
        var conveyor = builder.Services.AddConveyorCore(options =>
        {
            configuration.GetSection("Conveyor").Bind(options);
            options.Storage = StorageConnection.FromConfiguration(configuration.GetSection(StorageSetting));
        });
        AddSampleJobs(conveyor, configuration);
        builder.Services.AddConveyorApi(configuration).AddSingleton<IOrchestrationLinkFactory, DurableExtensionLinks>();

        // The extension makes the durable client's and worker's data converters from the worker's serializer: Conveyor's JSON settings for both.
        builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(BatchDataConverter.JsonOptions));
        builder.ConfigureDurableWorker().AddTasks(tasks => tasks.AddConveyorBatch());
        return builder;
    }

    private static void AddSampleJobs(ConveyorBuilder conveyor, ConfigurationManager configuration)
    {
        var section = configuration.GetSection(SamplesSection);
        if (!section.GetValue("Enabled", false))
        {
            return;
        }

        var options = new SampleJobsOptions();
        section.Bind(options);
        conveyor.AddJobs((registry, services) =>
            registry.AddSampleJobs(options, services.GetRequiredService<BlobServiceClient>(), services.GetRequiredService<TableServiceClient>()));
    }
}
