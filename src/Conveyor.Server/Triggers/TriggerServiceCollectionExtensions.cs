namespace Conveyor.Server.Triggers;

/// <summary>Registers the server's blob-upload trigger.</summary>
internal static class TriggerServiceCollectionExtensions
{
    /// <summary>Adds the poller that scans the inputs of jobs that trigger on upload (the start-once path is Conveyor.Api's).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConveyorTriggers(this IServiceCollection services) => services.AddHostedService<BlobTriggerPoller>();
}
