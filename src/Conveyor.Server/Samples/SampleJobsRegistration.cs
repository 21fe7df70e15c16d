using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Conveyor.Batch.Hosting;
using Conveyor.Samples;

namespace Conveyor.Server.Samples;

/// <summary>Registers the sample jobs (configuration section <c>Conveyor:Samples</c>) unless they are disabled.</summary>
internal static class SampleJobsRegistration
{
    /// <summary>The configuration section of the sample jobs' options (<see cref="SampleJobsOptions"/>).</summary>
    public const string Section = "Conveyor:Samples";

    /// <summary>
    /// Adds <c>importUsers</c>, <c>football</c> and <c>transformCsv</c> on the app's storage when
    /// <c>Conveyor:Samples:Enabled</c> is true — by default in Development only, where <c>importUsers</c> calls the
    /// app's own demo user service unless <c>Conveyor:Samples:ExternalUserService:BaseAddress</c> names a real one.
    /// Enabled elsewhere, the samples need that address.
    /// </summary>
    /// <param name="conveyor">The app's Conveyor builder.</param>
    /// <param name="configuration">The configuration.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="appUrl">The app's own base URL (for the demo user service).</param>
    /// <returns>The builder.</returns>
    public static ConveyorBuilder AddSampleJobs(this ConveyorBuilder conveyor, IConfiguration configuration, IHostEnvironment environment, string appUrl)
    {
        var section = configuration.GetSection(Section);
        if (!section.GetValue("Enabled", environment.IsDevelopment()))
        {
            return conveyor;
        }

        var options = new SampleJobsOptions();
        section.Bind(options);
        if (options.ExternalUserService.BaseAddress is null && environment.IsDevelopment())
        {
            options.ExternalUserService.BaseAddress = new Uri(new Uri(appUrl.TrimEnd('/') + "/"), DemoUserServiceEndpoints.Route.TrimStart('/') + "/");
        }

        return conveyor.AddJobs((registry, services) =>
            registry.AddSampleJobs(options, services.GetRequiredService<BlobServiceClient>(), services.GetRequiredService<TableServiceClient>()));
    }
}
