using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Conveyor.Batch.Execution;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Repository;
using Conveyor.DurableTask.AzureStorage.Client;
using Conveyor.DurableTask.AzureStorage.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conveyor.Batch.Hosting;

/// <summary>Adds Conveyor — job registry, JobRepository, durable client and worker, launcher — to a host.</summary>
public static class ConveyorServiceCollectionExtensions
{
    /// <summary>
    /// Adds Conveyor: the storage service clients (<see cref="BlobServiceClient"/>, <see cref="TableServiceClient"/>,
    /// <see cref="QueueServiceClient"/>: singletons built through <c>AddAzureClients</c> from <see cref="ConveyorOptions.Storage"/>
    /// or <see cref="ConveyorOptions.ConnectionString"/>; add pipeline policies to all of them with
    /// <c>services.AddAzureClients(b =&gt; b.ConfigureDefaults(..))</c>), a <see cref="JobRegistry"/>, the Table-storage <see cref="IJobRepository"/>, a
    /// <see cref="DurableTaskClient"/>, a <see cref="JobLauncher"/>, and (unless <see cref="ConveyorOptions.RunWorker"/> is
    /// false) a durable worker that runs the jobs, both on the Durable Task Framework's Azure Storage engine
    /// (<c>UseAzureStorage</c>) with <see cref="BatchDataConverter"/>. At start the repository's tables and the task hub are
    /// created if missing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">
    /// Sets the options; <see cref="ConveyorOptions.ConnectionString"/> (or <see cref="ConveyorOptions.Storage"/>) is required.
    /// It is also called once here, to read <see cref="ConveyorOptions.RunWorker"/>: whether a worker is registered at all.
    /// </param>
    /// <returns>A builder to add jobs with.</returns>
    public static ConveyorBuilder AddConveyor(this IServiceCollection services, Action<ConveyorOptions> configure)
    {
        var builder = services.AddConveyorCore(configure);
        services.AddSingleton(sp => sp.GetRequiredService<JobLaunchers>().For(sp.GetRequiredService<DurableTaskClient>()));
        services.AddDurableTaskClient(client => client.UseAzureStorage(_ => { }).Configure(o => o.DataConverter = BatchDataConverter.Instance));
        services.AddOptions<AzureStorageDurableTaskClientOptions>(Options.DefaultName)
            .Configure<IOptions<ConveyorOptions>>((client, conveyor) => conveyor.Value.ApplyTo(client.TaskHub));

        // Whether this process runs jobs is decided here, once: a host without a worker must not register one.
        var probe = new ConveyorOptions();
        configure(probe);
        if (probe.RunWorker)
        {
            services.AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks.AddConveyorBatch()).UseAzureStorage(_ => { })
                .Configure(o => o.DataConverter = BatchDataConverter.Instance));
            services.AddOptions<AzureStorageDurableTaskWorkerOptions>(Options.DefaultName)
                .Configure<IOptions<ConveyorOptions>>((worker, conveyor) => conveyor.Value.ApplyTo(worker.TaskHub));
        }

        return builder;
    }

    /// <summary>
    /// Adds Conveyor without a durable engine, for a host that brings its own (Azure Functions, whose Durable extension
    /// runs the orchestrations and gives each invocation its client): the storage service clients, the
    /// <see cref="JobRegistry"/>, the Table-storage <see cref="IJobRepository"/> (tables created at start) and
    /// <see cref="JobLaunchers"/>. Register Conveyor's tasks with the host's worker through
    /// <see cref="BatchRegistration.AddConveyorBatch"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="ConveyorOptions.ConnectionString"/> (or <see cref="ConveyorOptions.Storage"/>) is required.</param>
    /// <returns>A builder to add jobs with.</returns>
    public static ConveyorBuilder AddConveyorCore(this IServiceCollection services, Action<ConveyorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConveyorOptions>().Configure(configure).Validate(
            options =>
            {
                options.Validate();
                return true;
            });
        services.AddLogging();
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        services.AddSingleton(sp => Options.Create(sp.GetRequiredService<IOptions<ConveyorOptions>>().Value.Batch));
        services.AddSingleton(sp =>
        {
            var registry = new JobRegistry();
            foreach (var registration in sp.GetServices<JobRegistration>())
            {
                registration.Register(registry, sp);
            }

            return registry;
        });
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((o, sp) => StorageOf(sp).CreateBlobServiceClient(o));
            clients.AddClient<TableServiceClient, TableClientOptions>((o, sp) => StorageOf(sp).CreateTableServiceClient(o));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((o, sp) => StorageOf(sp).CreateQueueServiceClient(o));
        });
        services.AddSingleton<TableJobRepository>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConveyorOptions>>().Value;
            return new TableJobRepository(sp.GetRequiredService<TableServiceClient>(), options.TablePrefix, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IJobRepository>(sp => sp.GetRequiredService<TableJobRepository>());
        services.AddSingleton<JobLaunchers>();

        // Hosted services start in registration order: the repository's tables exist before a worker runs a job.
        services.AddHostedService<ConveyorStorageInitializer>();
        return new ConveyorBuilder(services);
    }

    /// <summary>Registers jobs with the app's <see cref="JobRegistry"/>; usable before or after <see cref="AddConveyor"/> (tests add their own jobs this way).</summary>
    /// <param name="services">The services.</param>
    /// <param name="register">Adds jobs to the registry; called once, when the registry is first needed.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConveyorJobs(this IServiceCollection services, Action<JobRegistry, IServiceProvider> register)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(register);
        return services.AddSingleton(new JobRegistration(register));
    }

    private static StorageConnection StorageOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ConveyorOptions>>().Value.ResolveStorage();
}
