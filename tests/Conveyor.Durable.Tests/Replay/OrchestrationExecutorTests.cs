using Conveyor.Durable.History;
using Conveyor.Durable.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conveyor.Durable.Tests.Replay;

/// <summary>Replay of synthetic histories, without storage: what the executor decides from given events.</summary>
public sealed class OrchestrationExecutorTests
{
    private static readonly DateTime T0 = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DataConverter Json = JsonDataConverter.Default;

    [Fact]
    public void Execute_FirstEpisode_SchedulesTheFirstActivityOnly()
    {
        var episode = Run(TwoStepOrchestrator(), [], [Started(), Start("5")]);

        episode.Completion.ShouldBeNull();
        var scheduled = episode.Actions.ShouldHaveSingleItem().ShouldBeOfType<TaskScheduledEvent>();
        scheduled.Name.ShouldBe("Add");
        scheduled.EventId.ShouldBe(0);
        scheduled.Input.ShouldBe("5");
    }

    [Fact]
    public void Execute_CompletionsInHistory_ReplaysAndCompletesWithTheResult()
    {
        var past = new HistoryEvent[] { Started(), Start("5"), Scheduled(0, "Add") };
        var episode = Run(TwoStepOrchestrator(), past, [Started(1), new TaskCompletedEvent(0, "6")]);

        episode.Actions.ShouldHaveSingleItem().ShouldBeOfType<TaskScheduledEvent>().EventId.ShouldBe(1);

        var past2 = past.Concat([Started(1), new TaskCompletedEvent(0, "6"), Scheduled(1, "Add")]).ToArray();
        var final = Run(TwoStepOrchestrator(), past2, [Started(2), new TaskCompletedEvent(1, "7")]);

        final.Completion.ShouldNotBeNull().Status.ShouldBe(OrchestrationRuntimeStatus.Completed);
        final.Completion.Result.ShouldBe("7");
        final.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Execute_DuplicateCompletion_IsIgnored()
    {
        var past = new HistoryEvent[] { Started(), Start("5"), Scheduled(0, "Add"), Started(1), new TaskCompletedEvent(0, "6"), Scheduled(1, "Add") };
        var episode = Run(TwoStepOrchestrator(), past, [Started(2), new TaskCompletedEvent(0, "999")]);

        episode.Completion.ShouldBeNull();
        episode.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Execute_CodeSchedulesADifferentActivityThanHistory_FailsAsNonDeterministic()
    {
        var past = new HistoryEvent[] { Started(), Start("5"), Scheduled(0, "Subtract") };

        var episode = Run(TwoStepOrchestrator(), past, [Started(1), new TaskCompletedEvent(0, "4")]);

        var completion = episode.Completion.ShouldNotBeNull();
        completion.Status.ShouldBe(OrchestrationRuntimeStatus.Failed);
        completion.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterministicOrchestrationException).FullName);
        completion.FailureDetails.ErrorMessage.ShouldContain("activity 'Subtract'");
        completion.FailureDetails.ErrorMessage.ShouldContain("activity 'Add'");
    }

    [Fact]
    public void Execute_HistoryHasAnActionTheCodeNoLongerTakes_FailsAsNonDeterministic()
    {
        var past = new HistoryEvent[] { Started(), Start("5"), Scheduled(0, "Add"), Scheduled(1, "Add") };

        var episode = Run(TwoStepOrchestrator(), past, [Started(1), new TaskCompletedEvent(0, "6")]);

        episode.Completion.ShouldNotBeNull().FailureDetails!.ErrorMessage.ShouldContain("issued no such action");
    }

    [Fact]
    public void Execute_WhenAllOfThree_CompletesOnlyWhenTheLastResultArrives()
    {
        var orchestrator = Orchestrator<object?, int>(async (ctx, _) =>
            (await Task.WhenAll(ctx.CallActivityAsync<int>("A"), ctx.CallActivityAsync<int>("B"), ctx.CallActivityAsync<int>("C"))).Sum());
        var past = new HistoryEvent[] { Started(), Start(null), Scheduled(0, "A"), Scheduled(1, "B"), Scheduled(2, "C") };

        Run(orchestrator, past, [Started(1), new TaskCompletedEvent(2, "3"), new TaskCompletedEvent(0, "1")]).Completion.ShouldBeNull();
        var done = Run(orchestrator, past, [Started(1), new TaskCompletedEvent(2, "3"), new TaskCompletedEvent(0, "1"), new TaskCompletedEvent(1, "2")]);

        done.Completion.ShouldNotBeNull().Result.ShouldBe("6");
    }

    [Fact]
    public void Execute_TimerFired_AdvancesCurrentUtcDateTimeToTheEpisodeTime()
    {
        var orchestrator = Orchestrator<object?, string>(async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            return ctx.CurrentUtcDateTime.ToString("O");
        });
        var first = Run(orchestrator, [], [Started(), Start(null)]);
        var timer = first.Actions.ShouldHaveSingleItem().ShouldBeOfType<TimerCreatedEvent>();
        timer.FireAt.ShouldBe(T0.AddMinutes(5));

        var past = new HistoryEvent[] { Started(), Start(null), timer };
        var done = Run(orchestrator, past, [new OrchestratorStartedEvent { Timestamp = T0.AddMinutes(5) }, new TimerFiredEvent(0, T0.AddMinutes(5))]);

        done.Completion.ShouldNotBeNull().Result.ShouldBe(Json.Serialize(T0.AddMinutes(5).ToString("O")));
    }

    [Fact]
    public void Execute_ContinueAsNewWithBufferedEvent_CarriesTheEventOver()
    {
        var orchestrator = Orchestrator<int, int>(async (ctx, n) =>
        {
            await ctx.CallActivityAsync<int>("Work");
            ctx.ContinueAsNew(n + 1);
            return n;
        });
        var past = new HistoryEvent[] { Started(), Start("1"), Scheduled(0, "Work") };

        var episode = Run(orchestrator, past, [Started(1), new EventRaisedEvent("ping", "\"x\"", "m1"), new TaskCompletedEvent(0, "0")]);

        var completion = episode.Completion.ShouldNotBeNull();
        completion.Status.ShouldBe(OrchestrationRuntimeStatus.ContinuedAsNew);
        completion.Result.ShouldBe("2");
        completion.CarryoverEvents.ShouldNotBeNull().ShouldHaveSingleItem().MessageId.ShouldBe("m1");
    }

    [Fact]
    public void Execute_Terminated_EndsWithTheReasonAndSchedulesNothing()
    {
        var episode = Run(TwoStepOrchestrator(), [Started(), Start("5"), Scheduled(0, "Add")], [Started(1), new ExecutionTerminatedEvent("stop")]);

        episode.Completion.ShouldNotBeNull().Status.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        episode.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void Execute_SuspendedThenCompletionArrives_HoldsItUntilResumed()
    {
        var past = new HistoryEvent[] { Started(), Start("5"), Scheduled(0, "Add") };

        var held = Run(TwoStepOrchestrator(), past, [Started(1), new ExecutionSuspendedEvent(null), new TaskCompletedEvent(0, "6")]);
        held.IsSuspended.ShouldBeTrue();
        held.Actions.ShouldBeEmpty();

        var resumed = Run(TwoStepOrchestrator(), past, [Started(1), new ExecutionSuspendedEvent(null), new TaskCompletedEvent(0, "6"), new ExecutionResumedEvent(null)]);
        resumed.IsSuspended.ShouldBeFalse();
        resumed.Actions.ShouldHaveSingleItem().ShouldBeOfType<TaskScheduledEvent>().Input.ShouldBe("6");
    }

    [Fact]
    public void Execute_PastEvents_AreAppliedWithIsReplayingSet()
    {
        var lines = new List<bool>();
        var orchestrator = Orchestrator<object?, int>(async (ctx, _) =>
        {
            lines.Add(ctx.IsReplaying);
            return await ctx.CallActivityAsync<int>("A");
        });

        Run(orchestrator, [Started(), Start(null), Scheduled(0, "A")], [Started(1), new TaskCompletedEvent(0, "1")]);

        lines.ShouldBe([true]);
    }

    private static OrchestrationEpisode Run(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents) =>
        OrchestrationExecutor.Execute(orchestrator, past, newEvents, Json, NullLoggerFactory.Instance);

    private static OrchestratorStartedEvent Started(int minutes = 0) => new() { Timestamp = T0.AddMinutes(minutes) };

    private static ExecutionStartedEvent Start(string? input) => new("Test", "instance-1", "exec-1", input) { Timestamp = T0 };

    private static TaskScheduledEvent Scheduled(int id, string name) => new(name, null) { EventId = id, Timestamp = T0 };

    private static ITaskOrchestrator TwoStepOrchestrator() => Orchestrator<int, int>(async (ctx, x) =>
    {
        var once = await ctx.CallActivityAsync<int>("Add", x);
        return await ctx.CallActivityAsync<int>("Add", once);
    });

    private static ITaskOrchestrator Orchestrator<TIn, TOut>(Func<TaskOrchestrationContext, TIn, Task<TOut>> body)
    {
        new DurableTaskRegistry().AddOrchestratorFunc("x", body).TryCreateOrchestrator("x", EmptyServices.Instance, out var orchestrator);
        return orchestrator!;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
