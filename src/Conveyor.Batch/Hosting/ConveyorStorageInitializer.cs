using Conveyor.Batch.Repository;
using Conveyor.Durable;
using Microsoft.Extensions.Hosting;

namespace Conveyor.Batch.Hosting;

/// <summary>Creates the JobRepository tables and the task hub's tables, queues and containers at start, if missing.</summary>
internal sealed class ConveyorStorageInitializer(TableJobRepository repository, DurableTaskClient client) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await repository.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await client.CreateTaskHubIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
