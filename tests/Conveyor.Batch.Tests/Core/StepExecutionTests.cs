using Conveyor.Batch.Core;

namespace Conveyor.Batch.Tests.Core;

public sealed class StepExecutionTests
{
    [Theory]
    [InlineData(0L, null, null)]
    [InlineData(0L, 0L, 1.0)]
    [InlineData(0L, 200L, 0.0)]
    [InlineData(50L, 200L, 0.25)]
    [InlineData(200L, 200L, 1.0)]
    [InlineData(300L, 200L, 1.0)]
    public void Progress_BytesReadOfTotal_ShareOrNullWhenTotalUnknown(long read, long? total, double? expected)
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", BytesRead = read, BytesTotal = total };

        step.Progress.ShouldBe(expected);
    }

    [Fact]
    public void SumPartitions_EveryPartitionKnowsItsTotal_SumsBoth()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s" };

        step.SumPartitions([Partition(100, 400), Partition(300, 300), Partition(0, 300)]);

        (step.BytesRead, step.BytesTotal).ShouldBe((400L, (long?)1000));
        step.Progress.ShouldBe(0.4);
    }

    [Fact]
    public void SumPartitions_OnePartitionWithoutTotal_TotalUnknown()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", BytesTotal = 5 };

        step.SumPartitions([Partition(100, 400), Partition(0, null)]);

        (step.BytesRead, step.BytesTotal, step.Progress).ShouldBe((100L, (long?)null, (double?)null));
    }

    [Fact]
    public void Progress_Completed_IsOneEvenWithoutSizes()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", Status = BatchStatus.Completed };

        step.Progress.ShouldBe(1);
    }

    [Fact]
    public void SumPartitions_Counts_AreSummed()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s" };
        var a = Partition(0, 0);
        (a.ReadCount, a.WriteCount, a.FilterCount, a.ReadSkipCount, a.ProcessSkipCount, a.WriteSkipCount, a.CommitCount, a.RollbackCount) = (10, 8, 1, 1, 0, 0, 2, 0);
        var b = Partition(0, 0);
        (b.ReadCount, b.WriteCount, b.FilterCount, b.ReadSkipCount, b.ProcessSkipCount, b.WriteSkipCount, b.CommitCount, b.RollbackCount) = (5, 3, 0, 0, 1, 1, 1, 1);

        step.SumPartitions([a, b]);

        (step.ReadCount, step.WriteCount, step.FilterCount, step.SkipCount, step.CommitCount, step.RollbackCount).ShouldBe((15L, 11L, 1L, 3L, 3L, 1L));
    }

    [Fact]
    public void WithPartitionTotals_Running_ACopyWithThePartitionsSums()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", Status = BatchStatus.Started };
        var partition = Partition(50, 200);
        partition.ReadCount = 7;

        var shown = step.WithPartitionTotals([partition]);

        shown.ShouldNotBeSameAs(step);
        (shown.StepName, shown.Status, shown.ReadCount, shown.Progress).ShouldBe(("s", BatchStatus.Started, 7L, (double?)0.25));
        step.ReadCount.ShouldBe(0);
    }

    [Fact]
    public void WithPartitionTotals_Ended_TheStepsOwnRow()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", Status = BatchStatus.Failed, ReadCount = 3 };

        step.WithPartitionTotals([Partition(50, 200)]).ShouldBeSameAs(step);
    }

    private static StepExecution Partition(long read, long? total) =>
        new() { JobExecutionId = "e", StepName = "s:partition0", BytesRead = read, BytesTotal = total };
}
