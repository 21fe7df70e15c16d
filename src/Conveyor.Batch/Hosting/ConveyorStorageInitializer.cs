using Conveyor.Batch.Repository;
using Microsoft.Extensions.Hosting;

namespace Conveyor.Batch.Hosting;

/// <summary>Creates the JobRepository tables at start, if missing (the durable worker and client create the task hub's own storage).</summary>
internal sealed class ConveyorStorageInitializer(TableJobRepository repository) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => repository.CreateIfNotExistsAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
