using Conveyor.Batch.Core;
using Conveyor.Batch.Jobs;

namespace Conveyor.Batch.Tests.Jobs;

public sealed class RunIdIncrementerTests
{
    [Fact]
    public void GetNext_NoRunId_AddsOne_ThenIncrements_KeepingOtherParameters()
    {
        var incrementer = new RunIdIncrementer();

        var first = incrementer.GetNext(new JobParameters([new("file", new JobParameter("a.csv"))]));
        var second = incrementer.GetNext(first);

        (first.GetLong("run.id"), second.GetLong("run.id")).ShouldBe((1L, 2L));
        second.GetString("file").ShouldBe("a.csv");
        second.Values["run.id"].Identifying.ShouldBeTrue();
        first.ToIdentityKey().ShouldNotBe(second.ToIdentityKey());
    }

    [Fact]
    public void GetNext_CustomKey_UsesIt()
    {
        new RunIdIncrementer("attempt").GetNext(new JobParameters([new("attempt", new JobParameter(41L))])).GetLong("attempt").ShouldBe(42);
        Should.Throw<ArgumentException>(() => new RunIdIncrementer(" "));
    }
}
