using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;
using Conveyor.Batch.Steps;
using Conveyor.Batch.Tests.Execution;
using Conveyor.Batch.Tests.Steps;

namespace Conveyor.Batch.Tests.Jobs;

public sealed class JobBuilderTests
{
    private static readonly IJobExecutionDecider Decider = JobExecutionDecider.Create((_, _) => FlowExecutionStatus.Completed);

    [Fact]
    public void Build_DeciderWithoutTransitions_FailsWithExactMessage()
    {
        var builder = new JobBuilder("j").Start(Step("a")).Next(Decider);

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message
            .ShouldBe("Job 'j' is invalid: the decider 'decision1' has no transitions (add From(decider).On(…).To(…), End(), Fail() or StopAndRestart(…)).");
    }

    [Fact]
    public void Build_EveryProblem_ListedInOneMessage()
    {
        var builder = new JobBuilder("bad name").Start(Decider, "check").On("X");

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message.ShouldBe(
            "Job 'bad name' is invalid: the name must be letters, digits, '-', '_' or '.'; a job needs at least one step (call Start); "
            + "On(\"X\") has no To, End, Fail or StopAndRestart; the decider 'check' has no transitions (add From(decider).On(…).To(…), End(), Fail() or StopAndRestart(…)).");
    }

    [Fact]
    public void Build_DeciderFlow_DefinesNodesAndTransitions()
    {
        var odd = Step("odd");
        var job = new JobBuilder("j").Start(Step("a")).Next(Decider).On("ODD").To(odd).From(Decider).On("*").End().Build();

        job.FirstNode.ShouldBe("a");
        job.IsDecider("decision1").ShouldBeTrue();
        job.Next("a", "COMPLETED").To.ShouldBe("decision1");
        job.Next("decision1", "ODD").To.ShouldBe("odd");
        job.Next("decision1", "EVEN").To.ShouldBeNull();
    }

    [Fact]
    public void FromAndNext_UnknownDeciderOrNameClash_FailAtOnceWithExactMessages()
    {
        Should.Throw<InvalidOperationException>(() => new JobBuilder("j").Start(Step("a")).From(Decider)).Message
            .ShouldBe("Job 'j': the decider was not added yet (add it with Start, Next or To).");
        Should.Throw<InvalidOperationException>(() => new JobBuilder("j").Start(Step("a")).Next(Decider, "a")).Message
            .ShouldBe("Job 'j' cannot name a decider 'a': the name is empty, has ':' or is taken.");
        Should.Throw<InvalidOperationException>(() => new JobBuilder("j").Start(Step("a")).Next(Decider).Next(Decider)).Message
            .ShouldBe("Job 'j' already has this decider (as 'decision1'); use From(decider) to add transitions to it.");
        Should.Throw<InvalidOperationException>(() => new JobBuilder("j").Start(Step("a")).Start(Step("b"))).Message
            .ShouldBe("Job 'j' already starts with 'a'.");
    }

    [Fact]
    public void Build_ListenersIncrementerAndStopAndRestart_AreKept()
    {
        var listener = new RecordingListener<int, int>(new CallLog());
        var incrementer = new RunIdIncrementer();
        var job = new JobBuilder("j").Listener(listener).Incrementer(incrementer).Start(Step("a")).On("*").StopAndRestart(Step("b")).Build();

        job.Listeners.ShouldBe([listener]);
        job.Incrementer.ShouldBeSameAs(incrementer);
        job.Next("a", "COMPLETED").ShouldBe(new Transition("a", "*", null, BatchStatus.Stopped, "b"));
    }

    private static StepDefinition Step(string name) => RecordingTasklet.Step(name, new CallLog());
}
