using Conveyor.Batch.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Conveyor.Batch.Hosting;

/// <summary>Adds jobs to a Conveyor app; returned by <see cref="ConveyorServiceCollectionExtensions.AddConveyor"/>.</summary>
public sealed class ConveyorBuilder
{
    internal ConveyorBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the app's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a job.</summary>
    /// <param name="job">The job.</param>
    /// <returns>This builder.</returns>
    public ConveyorBuilder AddJob(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return AddJobs((registry, _) => registry.Add(job));
    }

    /// <summary>Registers jobs that need the app's services to be built (storage clients, options, HTTP clients).</summary>
    /// <param name="register">Adds jobs to the registry.</param>
    /// <returns>This builder.</returns>
    public ConveyorBuilder AddJobs(Action<JobRegistry, IServiceProvider> register)
    {
        Services.AddConveyorJobs(register);
        return this;
    }
}
