using System.Collections.Concurrent;
using Conveyor.Durable.History;
using Conveyor.Durable.Replay;
using Conveyor.Durable.TaskHub;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Worker;

/// <summary>
/// Applies a batch of messages to one orchestration instance: one episode of its orchestrator.
/// </summary>
/// <remarks>
/// <para>The order of effects is what keeps the invariants across a crash at any point:</para>
/// <list type="number">
/// <item>The instance row's <see cref="InstanceRecord.HistoryCount"/> is the watermark of history whose outbound
/// messages were all sent. History beyond it belongs to an episode whose process died before finishing: its outbound
/// messages are re-derived from history and sent again.</item>
/// <item>Messages already reflected in history (a redelivered completion, a duplicate event) are dropped.</item>
/// <item>The episode's events are appended to history (insert-only rows: a concurrent writer collides and retries).</item>
/// <item>Its outbound messages are sent.</item>
/// <item>The instance row is brought up to date, moving the watermark (ETag-guarded, never moved backwards).</item>
/// <item>Only then are the inbound messages deleted (by the caller).</item>
/// </list>
/// <para>
/// Continue-as-new ends an execution with a start message for its successor (an execution id derived from the
/// old one); that message, when it arrives, moves the instance row to the successor. Messages for the successor that
/// arrive earlier wait.
/// </para>
/// <para>
/// Extended sessions: while the partition is owned, the instance row (with the ETag of this process's last write)
/// and the history stay cached, so an episode reads nothing. The copy is validated by the writes themselves: history
/// rows are insert-only, so an append over history another process extended fails and the episode is retried from
/// storage; the row write is conditional on the cached ETag, and a row changed by anyone else drops the cache. A
/// completion the cached history cannot place is decided from a fresh read, never dropped on the cache's word. The
/// cache of a partition is forgotten when the partition is released.
/// </para>
/// </remarks>
internal sealed class OrchestrationSessionProcessor(
    TaskHubStorage storage,
    OutboundMessages outbound,
    DurableTaskRegistry registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory)
{
    private const int MaxCachedInstances = 10_000;

    private readonly ConcurrentDictionary<string, CachedSession> _cache = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<OrchestrationSessionProcessor>();

    /// <summary>Processes the messages; returns those that arrived too early and must be delivered again later.</summary>
    /// <exception cref="HistoryConflictException">Another process extended the history first; retry the messages.</exception>
    public async Task<IReadOnlyList<TaskMessage>> ProcessAsync(string instanceId, IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            if (TakeCachedSession(instanceId, messages) is { } cached
                && await TryProcessAsync(cached.Row, cached.Events, messages, fromCache: true, cancellationToken).ConfigureAwait(false) is { } decided)
            {
                return decided;
            }

            var row = await storage.Instances.GetAsync(instanceId, resolvePayloads: false, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                Logs.DiscardedForMissingInstance(_logger, messages.Count, instanceId);
                return [];
            }

            var history = await storage.History.LoadAsync(instanceId, row.ExecutionId, 0, cancellationToken).ConfigureAwait(false);
            return (await TryProcessAsync(row, history, messages, fromCache: false, cancellationToken).ConfigureAwait(false))!;
        }
        catch
        {
            _cache.TryRemove(instanceId, out _);
            throw;
        }
    }

    /// <summary>
    /// Applies the messages to the instance as <paramref name="row"/> and <paramref name="history"/> describe it;
    /// returns null, having changed nothing, when they come from the cache and cannot explain a message.
    /// </summary>
    private async Task<IReadOnlyList<TaskMessage>?> TryProcessAsync(
        InstanceRecord row, List<HistoryEvent> history, IReadOnlyList<TaskMessage> messages, bool fromCache, CancellationToken cancellationToken)
    {
        var instanceId = row.InstanceId;
        if (fromCache && AnswersUnknownAction(history, messages))
        {
            // A completion for an action the cached history does not hold: only a fresh read can tell whether another
            // process scheduled it (then it must be applied) or it is stray (then it is dropped).
            return null;
        }

        var successor = DeterministicIds.SuccessorExecutionId(row.InstanceId, row.ExecutionId);
        var forSuccessor = messages.Where(m => m.ExecutionId == successor).ToList();
        if (forSuccessor.SelectMany(m => m.Events).Any(e => e is ExecutionStartedEvent)
            && history.OfType<ExecutionCompletedEvent>().LastOrDefault()?.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            row = await MoveToSuccessorAsync(row, successor, forSuccessor.SelectMany(m => m.Events).OfType<ExecutionStartedEvent>().First(), cancellationToken)
                .ConfigureAwait(false);
            history = [];
            successor = DeterministicIds.SuccessorExecutionId(row.InstanceId, row.ExecutionId);
            forSuccessor = [];
        }

        var relevant = messages.Where(m => m.ExecutionId == row.ExecutionId).ToList();
        if (history.Count == 0 && !relevant.SelectMany(m => m.Events).Any(e => e is ExecutionStartedEvent))
        {
            // Not started yet: hold events until the start message arrives.
            return row.IsTerminal ? [] : [.. relevant, .. forSuccessor];
        }

        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault() ?? relevant.SelectMany(m => m.Events).OfType<ExecutionStartedEvent>().First();
        if (row.HistoryCount < history.Count)
        {
            await FinishInterruptedEpisodeAsync(row, started, history, cancellationToken).ConfigureAwait(false);
        }

        if (!history.Any(e => e is ExecutionCompletedEvent))
        {
            var newEvents = await SelectNewEventsAsync(row, history, relevant, cancellationToken).ConfigureAwait(false);
            if (newEvents.Count > 0)
            {
                await RunEpisodeAsync(row, started, history, newEvents, cancellationToken).ConfigureAwait(false);
            }
        }

        var current = await ReconcileInstanceAsync(row, history, cancellationToken).ConfigureAwait(false);
        if (current is not null && !history.Any(e => e is ExecutionCompletedEvent))
        {
            Remember(current, history);
        }

        return forSuccessor; // A successor's events wait for its start message.
    }

    /// <summary>Forgets the cached sessions of a partition's instances (when the partition is released).</summary>
    public void ForgetPartition(int partition)
    {
        foreach (var instanceId in _cache.Keys)
        {
            if (storage.Hub.PartitionOf(instanceId) == partition)
            {
                _cache.TryRemove(instanceId, out _);
            }
        }
    }

    private static bool IsCompletion(HistoryEvent e) =>
        e is TaskCompletedEvent or TaskFailedEvent or SubOrchestrationCompletedEvent or SubOrchestrationFailedEvent or TimerFiredEvent;

    private static int CompletedId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        SubOrchestrationCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        _ => -1,
    };

    private static bool Answers(HistoryEvent scheduled, HistoryEvent completion) => (scheduled, completion) switch
    {
        (TaskScheduledEvent, TaskCompletedEvent or TaskFailedEvent) => true,
        (SubOrchestrationCreatedEvent, SubOrchestrationCompletedEvent or SubOrchestrationFailedEvent) => true,
        (TimerCreatedEvent, TimerFiredEvent) => true,
        _ => false,
    };

    /// <summary>Whether a message completes an action that <paramref name="history"/> does not hold (or not as that kind).</summary>
    private static bool AnswersUnknownAction(List<HistoryEvent> history, IReadOnlyList<TaskMessage> messages)
    {
        var completions = messages.SelectMany(m => m.Events).Where(IsCompletion).ToList();
        if (completions.Count == 0)
        {
            return false;
        }

        var scheduled = history.Where(e => e.EventId >= 0).GroupBy(e => e.EventId).ToDictionary(g => g.Key, g => g.First());
        return completions.Any(c => !scheduled.TryGetValue(CompletedId(c), out var action) || !Answers(action, c));
    }

    /// <summary>
    /// Takes the instance's cached row and history when every message is for the cached execution; the cache entry is
    /// removed while the session uses it and put back by <see cref="Remember"/> when the episode has committed.
    /// </summary>
    private CachedSession? TakeCachedSession(string instanceId, IReadOnlyList<TaskMessage> messages) =>
        _cache.TryRemove(instanceId, out var cached) && messages.All(m => m.ExecutionId == cached.Row.ExecutionId) ? cached : null;

    private void Remember(InstanceRecord row, List<HistoryEvent> history)
    {
        if (_cache.Count >= MaxCachedInstances)
        {
            _cache.Clear();
        }

        _cache[row.InstanceId] = new CachedSession(row, history);
    }

    private async Task FinishInterruptedEpisodeAsync(InstanceRecord row, ExecutionStartedEvent started, List<HistoryEvent> history, CancellationToken cancellationToken)
    {
        Logs.ResendingInterruptedEpisode(_logger, row.InstanceId, history.Count - row.HistoryCount);
        await outbound.SendAsync(row, started, history[row.HistoryCount..], cancellationToken).ConfigureAwait(false);
    }

    private async Task<InstanceRecord> MoveToSuccessorAsync(InstanceRecord row, string successor, ExecutionStartedEvent start, CancellationToken cancellationToken)
    {
        var now = storage.UtcNow;
        var moved = await storage.Instances.UpdateAsync(row.InstanceId, current =>
        {
            if (current is null || current.ExecutionId != row.ExecutionId)
            {
                return null;
            }

            current.ExecutionId = successor;
            current.Status = OrchestrationRuntimeStatus.Running;
            current.Input = start.Input;
            current.Output = null;
            current.FailureDetails = null;
            current.CompletedAt = null;
            current.HistoryCount = 0;
            current.LastUpdatedAt = now;
            return current;
        }, cancellationToken).ConfigureAwait(false);
        return moved ?? await storage.Instances.GetAsync(row.InstanceId, resolvePayloads: false, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(row.InstanceId);
    }

    private async Task<List<HistoryEvent>> SelectNewEventsAsync(InstanceRecord row, List<HistoryEvent> history, List<TaskMessage> messages, CancellationToken cancellationToken)
    {
        var scheduled = history.Where(e => e.EventId >= 0).GroupBy(e => e.EventId).ToDictionary(g => g.Key, g => g.First());
        var answered = history.Where(IsCompletion).Select(CompletedId).ToHashSet();
        var raised = history.OfType<EventRaisedEvent>().Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);
        var startedNow = history.Count > 0;
        var selected = new List<HistoryEvent>();
        foreach (var candidate in messages.SelectMany(m => m.Events).OrderBy(e => e is ExecutionStartedEvent ? 0 : 1))
        {
            switch (candidate)
            {
                case ExecutionStartedEvent:
                    if (!startedNow)
                    {
                        startedNow = true;
                        selected.Add(candidate);
                    }

                    break;
                case TimerFiredEvent fired when fired.FireAt > storage.UtcNow:
                    // Not due yet (a timer longer than a message can stay invisible, or clock rounding): send it on again.
                    await outbound.SendTimerAsync(row.InstanceId, row.ExecutionId, fired, cancellationToken).ConfigureAwait(false);
                    break;
                case var completion when IsCompletion(completion):
                    var id = CompletedId(completion);
                    if (scheduled.TryGetValue(id, out var action) && Answers(action, completion) && answered.Add(id))
                    {
                        selected.Add(candidate);
                    }

                    break;
                case EventRaisedEvent e:
                    if (raised.Add(e.MessageId))
                    {
                        selected.Add(candidate);
                    }

                    break;
                case ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent or ExecutionFailedEvent:
                    selected.Add(candidate);
                    break;
            }
        }

        return selected;
    }

    private async Task RunEpisodeAsync(InstanceRecord row, ExecutionStartedEvent started, List<HistoryEvent> history, List<HistoryEvent> newEvents, CancellationToken cancellationToken)
    {
        var applied = new List<HistoryEvent>(newEvents.Count + 1) { new OrchestratorStartedEvent { Timestamp = storage.UtcNow } };
        applied.AddRange(newEvents);
        var previousStatus = row.CustomStatus;
        OrchestrationEpisode episode;
        if (registry.TryCreateOrchestrator(started.Name, services, out var orchestrator))
        {
            episode = OrchestrationExecutor.Execute(orchestrator!, history, applied, storage.Converter, loggerFactory, previousStatus);
        }
        else
        {
            var failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"No orchestrator named '{started.Name}' is registered with this worker.", null);
            episode = new OrchestrationEpisode([], new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, failure) { Timestamp = storage.UtcNow }, previousStatus, false);
        }

        var appended = new List<HistoryEvent>(applied.Count + episode.Actions.Count + 1);
        appended.AddRange(applied);
        appended.AddRange(episode.Actions);
        if (episode.Completion is { } completion)
        {
            appended.Add(completion with { Timestamp = storage.UtcNow });
        }

        await AppendAsync(row, history, appended, cancellationToken).ConfigureAwait(false);
        await outbound.SendAsync(row, started, appended, cancellationToken).ConfigureAwait(false);
        row.CustomStatus = episode.CustomStatus;
        Logs.EpisodeCompleted(_logger, row.InstanceId, newEvents.Count, episode.Actions.Count, episode.Completion?.Status.ToString() ?? "waiting");
    }

    private async Task AppendAsync(InstanceRecord row, List<HistoryEvent> history, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        await storage.History.AppendAsync(row.InstanceId, row.ExecutionId, history.Count, events, cancellationToken).ConfigureAwait(false);
        history.AddRange(events);
    }

    /// <summary>
    /// Brings the instance row up to date with the history, guarded by the row's ETag. Returns the row as stored now
    /// when this process's copy proved current (the write matched its ETag, or nothing needed writing), or null when
    /// another writer had changed the row since: then nothing of the instance is cached.
    /// </summary>
    private async Task<InstanceRecord?> ReconcileInstanceAsync(InstanceRecord row, List<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var completed = history.OfType<ExecutionCompletedEvent>().LastOrDefault();
        var suspended = false;
        foreach (var e in history)
        {
            suspended = e switch
            {
                ExecutionSuspendedEvent => true,
                ExecutionResumedEvent => false,
                _ => suspended,
            };
        }

        var status = completed?.Status ?? (suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
        var customStatus = row.CustomStatus;
        var now = storage.UtcNow;
        var attempts = 0;
        var written = await storage.Instances.UpdateAsync(row.InstanceId, row, current =>
        {
            attempts++;
            if (current is null || current.ExecutionId != row.ExecutionId || current.HistoryCount >= history.Count)
            {
                return null;
            }

            current.Status = status;
            current.Output = completed?.Result;
            current.FailureDetails = completed?.FailureDetails;
            current.CustomStatus = customStatus;
            current.HistoryCount = history.Count;
            current.LastUpdatedAt = now;
            current.CompletedAt = completed is null ? null : now;
            return current;
        }, cancellationToken).ConfigureAwait(false);
        return attempts == 1 ? written ?? row : null;
    }

    /// <summary>An instance's row (with the ETag of this process's last write) and its execution's history.</summary>
    private sealed record CachedSession(InstanceRecord Row, List<HistoryEvent> Events);
}
