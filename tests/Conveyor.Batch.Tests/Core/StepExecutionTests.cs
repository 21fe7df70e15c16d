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
    public void SumProgress_EveryPartitionKnowsItsTotal_SumsBoth()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s" };

        step.SumProgress([Partition(100, 400), Partition(300, 300), Partition(0, 300)]);

        (step.BytesRead, step.BytesTotal).ShouldBe((400L, (long?)1000));
        step.Progress.ShouldBe(0.4);
    }

    [Fact]
    public void SumProgress_OnePartitionWithoutTotal_TotalUnknown()
    {
        var step = new StepExecution { JobExecutionId = "e", StepName = "s", BytesTotal = 5 };

        step.SumProgress([Partition(100, 400), Partition(0, null)]);

        (step.BytesRead, step.BytesTotal, step.Progress).ShouldBe((100L, (long?)null, (double?)null));
    }

    private static StepExecution Partition(long read, long? total) =>
        new() { JobExecutionId = "e", StepName = "s:partition0", BytesRead = read, BytesTotal = total };
}
