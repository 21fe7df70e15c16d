using Conveyor.DurableTask.AzureStorage.TaskHub;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Conveyor.DurableTask.AzureStorage.Client;

/// <summary>
/// A Durable Task client over the task hub's Azure Storage engine (the Durable Task Framework's
/// <c>AzureStorageOrchestrationService</c>): schedule, query, raise events, terminate, suspend, resume, purge, wait.
/// </summary>
/// <remarks>
/// Inputs, event payloads and termination outputs are serialized with the options' <see cref="DataConverter"/>.
/// Scheduling an instance id whose instance is pending, running or suspended throws
/// <see cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/> (an
/// <see cref="InvalidOperationException"/>, as the SDK's gRPC client does); an id whose instance has finished starts a
/// new execution under the same id.
/// </remarks>
internal sealed partial class AzureStorageDurableTaskClient : DurableTaskClient
{
    private static readonly CoreStatus[] RunningStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly AzureStorageDurableTaskClientOptions _options;

    private readonly TaskHubServiceProvider _services;

    private readonly ILogger _logger;

    public AzureStorageDurableTaskClient(
        string name,
        IOptionsMonitor<AzureStorageDurableTaskClientOptions> options,
        TaskHubServiceProvider services,
        ILoggerFactory loggerFactory)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Get(name);
        _services = services;
        _logger = loggerFactory.CreateLogger<AzureStorageDurableTaskClient>();
    }

    private DataConverter DataConverter => _options.DataConverter;

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var started = new ExecutionStartedEvent(-1, DataConverter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? _options.DefaultVersion ?? string.Empty,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        };
        return await ScheduleAsync(options?.InstanceId ?? Guid.NewGuid().ToString("N"), started, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, DataConverter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <inheritdoc/>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var engine = await EngineAsync(cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        await engine.ForceTerminateTaskOrchestrationAsync(instanceId, DataConverter.Serialize(options?.Output)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, s => s.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc/>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, s => s.IsCompleted, cancellation);

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask; // The engine belongs to the container's TaskHubServiceProvider.

    private Task<AzureStorageOrchestrationService> EngineAsync(CancellationToken cancellationToken) =>
        _services.GetAsync(_options.TaskHub, cancellationToken);

    // Creates the instance from a start event whose name, version, input and tags are set; refuses an id that is in use.
    private async Task<string> ScheduleAsync(string instanceId, ExecutionStartedEvent started, CancellationToken cancellationToken)
    {
        var engine = await EngineAsync(cancellationToken).ConfigureAwait(false);
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        started.OrchestrationInstance = instance;
        Logs.SchedulingOrchestration(_logger, _options.TaskHub.TaskHubName, started.Name, instance.InstanceId);
        cancellationToken.ThrowIfCancellationRequested();
        await engine.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, RunningStatuses)
            .ConfigureAwait(false);
        return instance.InstanceId;
    }

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var engine = await EngineAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await engine.SendTaskOrchestrationMessageAsync(
            new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent })
            .ConfigureAwait(false);
    }

    // Polls with a doubling delay (25 ms up to MaxStatusPollingInterval); the engine has no change notification.
    private async Task<OrchestrationMetadata> WaitUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> condition, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            var state = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
            if (state is not null && condition(state))
            {
                return state;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxStatusPollingInterval.Ticks));
        }
    }
}
