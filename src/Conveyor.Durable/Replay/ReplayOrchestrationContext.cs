using System.Security.Cryptography;
using System.Text;
using Conveyor.Durable.History;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Replay;

/// <summary>
/// The <see cref="TaskOrchestrationContext"/> of one episode: hands out sequence-numbered actions, matches them
/// against recorded history, and completes the tasks the code awaits as history events are applied.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private static readonly Guid GuidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly SortedDictionary<int, HistoryEvent> _pendingActions = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _bufferedEvents = [];
    private readonly string? _input;
    private int _sequence;
    private int _guidCounter;
    private object? _customStatus;
    private bool _customStatusSet;

    public ReplayOrchestrationContext(string name, string instanceId, string? input, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _input = input;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    /// <summary>Gets or sets the episode time (set by the executor from OrchestratorStarted events).</summary>
    public DateTime CurrentTime { get; set; }

    /// <summary>Gets or sets a value indicating whether past events are being applied.</summary>
    public bool Replaying { get; set; }

    /// <summary>Gets the continue-as-new request, if the code made one.</summary>
    public (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Gets the actions issued by the code and not (yet) found in history, in issue order.</summary>
    public IReadOnlyList<HistoryEvent> UnmatchedActions => [.. _pendingActions.Values];

    /// <summary>Gets the external events delivered to no waiter.</summary>
    public IReadOnlyList<EventRaisedEvent> BufferedEvents => _bufferedEvents;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_input);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = _converter.Serialize(input);
        return WithRetry(options?.Retry, () =>
        {
            var id = NextId();
            return Await<TResult>(id, name, new TaskScheduledEvent(name, serialized) { EventId = id, Timestamp = CurrentTime });
        });
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = _converter.Serialize(input);
        var givenId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options?.Retry, () =>
        {
            var id = NextId();
            var childId = givenId ?? $"{InstanceId}:{id:D4}";
            return Await<TResult>(id, orchestratorName, new SubOrchestrationCreatedEvent(orchestratorName, childId, serialized) { EventId = id, Timestamp = CurrentTime });
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = NextId();
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var completion = Issue(id, "timer", new TimerCreatedEvent(utc) { EventId = id, Timestamp = CurrentTime });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var buffered = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var payload = _bufferedEvents[buffered].Input;
            _bufferedEvents.RemoveAt(buffered);
            return Task.FromResult(_converter.Deserialize<T>(payload)!);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            _eventWaiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                waiter.TrySetCanceled(cancellationToken);
            });
        }

        return Convert<T>(waiter.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = NextId();
        _pendingActions.Add(id, new EventSentEvent(instanceId, eventName, _converter.Serialize(payload)) { EventId = id, Timestamp = CurrentTime });
    }

    public override void SetCustomStatus(object? customStatus)
    {
        _customStatus = customStatus;
        _customStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    /// <remarks>Name-based: SHA-256 of instance id, episode time and a per-episode counter, so replays get the same values.</remarks>
    public override Guid NewGuid()
    {
        var name = Encoding.UTF8.GetBytes($"{InstanceId}_{CurrentTime:O}_{_guidCounter++}");
        var bytes = new byte[16 + name.Length];
        GuidNamespace.TryWriteBytes(bytes, bigEndian: true, out _);
        name.CopyTo(bytes, 16);
        var hash = SHA256.HashData(bytes);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8: a name-based id of our own scheme.
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), this);

    /// <summary>Returns the serialized custom status, or null when the code never set one.</summary>
    public string? SerializedCustomStatus(string? previous) => _customStatusSet ? _converter.Serialize(_customStatus) : previous;

    /// <summary>Checks a recorded scheduling event against the action the code issued with the same id.</summary>
    public void MatchRecordedAction(HistoryEvent recorded)
    {
        _pendingActions.Remove(recorded.EventId, out var issued);
        if (issued is null || !SameAction(issued, recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history records {Describe(recorded)} as action #{recorded.EventId}, " +
                $"but on replay the code {(issued is null ? "issued no such action" : "issued " + Describe(issued))}. " +
                "Orchestrator code must not change while instances run, and must not depend on the clock, random numbers or I/O.");
        }
    }

    /// <summary>Completes the awaited task of a completion event; false when no task is waiting for it (a duplicate).</summary>
    public bool Complete(int taskId, string? result, TaskFailureDetails? failure)
    {
        if (!_openTasks.Remove(taskId, out var open))
        {
            return false;
        }

        if (failure is null)
        {
            open.Completion.TrySetResult(result);
        }
        else
        {
            open.Completion.TrySetException(new TaskFailedException(open.Name, taskId, failure));
        }

        return true;
    }

    /// <summary>Delivers an external event to the oldest waiter, or buffers it.</summary>
    public void Deliver(EventRaisedEvent raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(raised.Input);
            return;
        }

        _bufferedEvents.Add(raised);
    }

    private static bool SameAction(HistoryEvent issued, HistoryEvent recorded) => (issued, recorded) switch
    {
        (TaskScheduledEvent a, TaskScheduledEvent b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        (SubOrchestrationCreatedEvent a, SubOrchestrationCreatedEvent b) =>
            string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.InstanceId == b.InstanceId,
        (TimerCreatedEvent, TimerCreatedEvent) => true,
        (EventSentEvent a, EventSentEvent b) => a.TargetInstanceId == b.TargetInstanceId && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string Describe(HistoryEvent action) => action switch
    {
        TaskScheduledEvent t => $"activity '{t.Name}'",
        SubOrchestrationCreatedEvent s => $"sub-orchestration '{s.Name}' ('{s.InstanceId}')",
        TimerCreatedEvent t => $"a timer for {t.FireAt:O}",
        EventSentEvent e => $"event '{e.Name}' to '{e.TargetInstanceId}'",
        _ => action.GetType().Name,
    };

    private int NextId() => _sequence++;

    private TaskCompletionSource<string?> Issue(int id, string name, HistoryEvent action)
    {
        var completion = new TaskCompletionSource<string?>();
        _openTasks.Add(id, new OpenTask(name, completion));
        _pendingActions.Add(id, action);
        return completion;
    }

    private Task<TResult> Await<TResult>(int id, string name, HistoryEvent action) => Convert<TResult>(Issue(id, name, action).Task);

    private async Task<TResult> Convert<TResult>(Task<string?> raw) => _converter.Deserialize<TResult>(await raw.ConfigureAwait(true))!;

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<TResult>> attempt)
    {
        if (policy is null)
        {
            return await attempt().ConfigureAwait(true);
        }

        var firstAttempt = CurrentTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt().ConfigureAwait(true);
            }
            catch (TaskFailedException failure) when (number < policy.MaxNumberOfAttempts && policy.HandleFailure(failure.FailureDetails)
                && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentTime - firstAttempt < policy.RetryTimeout))
            {
                await CreateTimer(policy.DelayBefore(number + 1), CancellationToken.None).ConfigureAwait(true);
            }
        }
    }

    private sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);
}
