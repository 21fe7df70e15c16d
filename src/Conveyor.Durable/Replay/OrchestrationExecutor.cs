using Conveyor.Durable.History;
using Microsoft.Extensions.Logging;

namespace Conveyor.Durable.Replay;

/// <summary>
/// Runs orchestrator code over an execution's history plus newly arrived events and returns what it decided.
/// </summary>
/// <remarks>
/// Past events are applied with <c>IsReplaying</c> set; each recorded scheduling event must match the action the
/// code issues with the same sequence number, or the episode ends the instance as failed with a
/// <see cref="NonDeterministicOrchestrationException"/>. Completion events for tasks nobody waits for (duplicates,
/// a canceled timer firing) are ignored.
/// </remarks>
internal static class OrchestrationExecutor
{
    public static OrchestrationEpisode Execute(
        ITaskOrchestrator orchestrator,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents,
        DataConverter converter,
        ILoggerFactory loggerFactory,
        string? previousCustomStatus = null)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        var started = past.OfType<ExecutionStartedEvent>().FirstOrDefault() ?? newEvents.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? throw new InvalidOperationException("An execution's history must begin with ExecutionStarted.");
        var context = new ReplayOrchestrationContext(started.Name, started.InstanceId, started.Input, converter, loggerFactory);
        var run = new Run(orchestrator, context, converter);
        try
        {
            context.Replaying = true;
            foreach (var past_ in past)
            {
                run.Apply(past_, recorded: true);
                if (run.Completion is not null)
                {
                    break;
                }
            }

            context.Replaying = false;
            foreach (var arrived in newEvents)
            {
                if (run.Completion is not null)
                {
                    break;
                }

                run.Apply(arrived, recorded: false);
            }
        }
        catch (NonDeterministicOrchestrationException nonDeterminism)
        {
            return new OrchestrationEpisode(
                [],
                new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(nonDeterminism)),
                context.SerializedCustomStatus(previousCustomStatus),
                false);
        }

        var completion = run.Completion;
        var carryover = completion?.Status == OrchestrationRuntimeStatus.ContinuedAsNew && context.ContinueAsNewRequest is { PreserveEvents: true }
            ? context.BufferedEvents
            : [];
        IReadOnlyList<HistoryEvent> actions = completion is null || completion.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.ContinuedAsNew
            ? context.UnmatchedActions.Where(a => completion is null || a is not TimerCreatedEvent).ToList()
            : context.UnmatchedActions.OfType<EventSentEvent>().ToList();
        if (carryover.Count > 0)
        {
            completion = completion! with { CarryoverEvents = carryover };
        }

        return new OrchestrationEpisode(actions, completion, context.SerializedCustomStatus(previousCustomStatus), run.IsSuspended);
    }

    /// <summary>The state of one replay: the scheduler, the orchestrator's task, suspension and completion.</summary>
    private sealed class Run(ITaskOrchestrator orchestrator, ReplayOrchestrationContext context, DataConverter converter)
    {
        private readonly OrchestrationTaskScheduler _scheduler = new();
        private readonly List<HistoryEvent> _heldWhileSuspended = [];
        private Task<object?>? _orchestration;

        public ExecutionCompletedEvent? Completion { get; private set; }

        public bool IsSuspended { get; private set; }

        public void Apply(HistoryEvent historyEvent, bool recorded)
        {
            if (IsSuspended && historyEvent is not (ExecutionResumedEvent or ExecutionTerminatedEvent or ExecutionFailedEvent
                or OrchestratorStartedEvent or ExecutionCompletedEvent)
                && !IsRecordedAction(historyEvent))
            {
                _heldWhileSuspended.Add(historyEvent);
                return;
            }

            switch (historyEvent)
            {
                case OrchestratorStartedEvent:
                    context.CurrentTime = historyEvent.Timestamp;
                    break;
                case ExecutionStartedEvent started:
                    context.CurrentTime = context.CurrentTime == default ? started.Timestamp : context.CurrentTime;
                    Start(started);
                    break;
                case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationCreatedEvent or EventSentEvent:
                    context.MatchRecordedAction(historyEvent);
                    break;
                case TaskCompletedEvent completed:
                    context.Complete(completed.TaskScheduledId, completed.Result, null);
                    break;
                case TaskFailedEvent failed:
                    context.Complete(failed.TaskScheduledId, null, failed.FailureDetails);
                    break;
                case SubOrchestrationCompletedEvent completed:
                    context.Complete(completed.TaskScheduledId, completed.Result, null);
                    break;
                case SubOrchestrationFailedEvent failed:
                    context.Complete(failed.TaskScheduledId, null, failed.FailureDetails);
                    break;
                case TimerFiredEvent fired:
                    context.Complete(fired.TimerId, null, null);
                    break;
                case EventRaisedEvent raised:
                    context.Deliver(raised);
                    break;
                case ExecutionSuspendedEvent:
                    IsSuspended = true;
                    break;
                case ExecutionResumedEvent:
                    IsSuspended = false;
                    var held = _heldWhileSuspended.ToList();
                    _heldWhileSuspended.Clear();
                    foreach (var release in held)
                    {
                        Apply(release, recorded);
                        if (Completion is not null)
                        {
                            return;
                        }
                    }

                    break;
                case ExecutionTerminatedEvent terminated:
                    Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Terminated, converter.Serialize(terminated.Reason), null)
                    { Timestamp = context.CurrentTime };
                    return;
                case ExecutionFailedEvent failed:
                    Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, failed.FailureDetails) { Timestamp = context.CurrentTime };
                    return;
                case ExecutionCompletedEvent completedExecution:
                    Completion = completedExecution;
                    return;
            }

            _scheduler.RunUntilIdle();
            CheckFinished();
        }

        private static bool IsRecordedAction(HistoryEvent historyEvent) =>
            historyEvent is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationCreatedEvent or EventSentEvent;

        private void Start(ExecutionStartedEvent started)
        {
            object? input;
            try
            {
                input = converter.Deserialize(started.Input, orchestrator.InputType);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e)) { Timestamp = context.CurrentTime };
                return;
            }

            _orchestration = Task.Factory.StartNew(
                () => orchestrator.RunAsync(context, input),
                CancellationToken.None,
                TaskCreationOptions.None,
                _scheduler).Unwrap();
        }

        private void CheckFinished()
        {
            if (_orchestration is not { IsCompleted: true } || Completion is not null)
            {
                return;
            }

            if (_orchestration.IsFaulted)
            {
                var error = _orchestration.Exception!.InnerException!;
                if (error is NonDeterministicOrchestrationException nonDeterminism)
                {
                    throw nonDeterminism;
                }

                var details = error is TaskFailedException taskFailed
                    ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, taskFailed.Message, taskFailed.StackTrace, taskFailed.FailureDetails)
                    : TaskFailureDetails.FromException(error);
                Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Failed, null, details) { Timestamp = context.CurrentTime };
            }
            else if (_orchestration.IsCanceled)
            {
                Completion = new ExecutionCompletedEvent(
                    OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator's task was canceled.", null))
                { Timestamp = context.CurrentTime };
            }
            else if (context.ContinueAsNewRequest is { } continueAsNew)
            {
                Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.ContinuedAsNew, continueAsNew.Input, null) { Timestamp = context.CurrentTime };
            }
            else
            {
                Completion = new ExecutionCompletedEvent(OrchestrationRuntimeStatus.Completed, converter.Serialize(_orchestration.Result), null) { Timestamp = context.CurrentTime };
            }
        }
    }
}
