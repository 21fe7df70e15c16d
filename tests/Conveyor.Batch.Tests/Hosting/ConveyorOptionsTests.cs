using Conveyor.Batch.Hosting;

namespace Conveyor.Batch.Tests.Hosting;

public sealed class ConveyorOptionsTests
{
    [Fact]
    public void Validate_EverySettingWrong_NamesEachProblem()
    {
        var options = new ConveyorOptions { PartitionCount = 0, TablePrefix = "1x" };
        options.Batch.MaxPartitionAttempts = 0;

        var error = Should.Throw<InvalidOperationException>(options.Validate);

        error.Message.ShouldBe(
            "Conveyor options are invalid: ConnectionString (or Storage) is required; Batch.MaxPartitionAttempts must be at least 1 (was 0); " +
            "PartitionCount must be 1 to 16 (was 0); TablePrefix must be letters and digits, starting with a letter.");
    }

    [Fact]
    public void Validate_Defaults_WithAConnectionString_Passes()
    {
        Should.NotThrow(new ConveyorOptions { ConnectionString = "UseDevelopmentStorage=true" }.Validate);
    }
}
