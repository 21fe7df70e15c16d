using Conveyor.DurableTask.AzureStorage.TaskHub;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conveyor.DurableTask.AzureStorage.Worker;

/// <summary>
/// A Durable Task worker that runs the SDK's orchestrators and activities in the Durable Task Framework's
/// <see cref="TaskHubWorker"/> over the task hub's Azure Storage engine.
/// </summary>
/// <remarks>
/// Each work item resolves its orchestrator or activity by name through the SDK's <see cref="IDurableTaskFactory"/>
/// in a DI scope of its own, wrapped by the SDK's <see cref="DurableTaskShimFactory"/>. Activities are at-least-once:
/// a worker that dies mid-activity leaves the message to reappear and run again elsewhere.
/// </remarks>
internal sealed class AzureStorageDurableTaskWorker : DurableTaskWorker
{
    private readonly AzureStorageDurableTaskWorkerOptions _options;

    private readonly TaskHubServiceProvider _services;

    private readonly IServiceScopeFactory _scopes;

    private readonly ILoggerFactory _loggerFactory;

    private readonly ILogger _logger;

    private readonly DurableTaskShimFactory _shims;

    public AzureStorageDurableTaskWorker(
        string name,
        IDurableTaskFactory factory,
        IOptionsMonitor<AzureStorageDurableTaskWorkerOptions> options,
        TaskHubServiceProvider services,
        IServiceScopeFactory scopes,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Get(name);
        _services = services;
        _scopes = scopes;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<AzureStorageDurableTaskWorker>();
        _shims = new DurableTaskShimFactory(_options, loggerFactory);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var engine = await _services.GetAsync(_options.TaskHub, stoppingToken).ConfigureAwait(false);
        var worker = new TaskHubWorker(
            engine,
            new TaskObjectManager<TaskOrchestration>(CreateOrchestration),
            new TaskObjectManager<TaskActivity>(CreateActivity),
            _loggerFactory)
        {
            // The SDK's shims and client read FailureDetails, not the legacy serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        try
        {
            await worker.StartAsync().ConfigureAwait(false);
            Logs.WorkerStarted(_logger, _options.TaskHub.TaskHubName, Name);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stop.
        }
        finally
        {
            // Finishes the work items in hand and releases the partition leases, so another worker takes over at once.
            await worker.StopAsync(isForced: false).ConfigureAwait(false);
            worker.Dispose();
            Logs.WorkerStopped(_logger, _options.TaskHub.TaskHubName, Name);
        }
    }

    private TaskOrchestration CreateOrchestration(string name)
    {
        var scope = _scopes.CreateAsyncScope();
        if (Factory.TryCreateOrchestrator(new TaskName(name), scope.ServiceProvider, out var orchestrator))
        {
            return new ScopedTaskOrchestration(_shims.CreateOrchestration(new TaskName(name), orchestrator), scope);
        }

        Logs.TaskNotRegistered(_logger, "orchestrator", name, Name);
        scope.Dispose();
        return new UnregisteredTaskOrchestration(name);
    }

    private TaskActivity CreateActivity(string name)
    {
        var scope = _scopes.CreateAsyncScope();
        if (Factory.TryCreateActivity(new TaskName(name), scope.ServiceProvider, out var activity))
        {
            return new ScopedTaskActivity(_shims.CreateActivity(new TaskName(name), activity), scope);
        }

        Logs.TaskNotRegistered(_logger, "activity", name, Name);
        scope.Dispose();
        return new UnregisteredTaskActivity(name);
    }
}
