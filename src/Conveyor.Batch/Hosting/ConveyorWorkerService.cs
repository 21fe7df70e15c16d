using Conveyor.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Conveyor.Batch.Hosting;

/// <summary>Runs the durable worker with the host when <see cref="ConveyorOptions.RunWorker"/> is set.</summary>
internal sealed class ConveyorWorkerService(IOptions<ConveyorOptions> options, IServiceProvider services) : IHostedService
{
    private DurableTaskWorker? _worker;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunWorker)
        {
            return Task.CompletedTask;
        }

        _worker = services.GetRequiredService<DurableTaskWorker>();
        return _worker.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _worker?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
