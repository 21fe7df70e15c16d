using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

public sealed class NonDeterminismTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CodeChangedUnderARunningInstance_FailsWithAClearError_NotAHang()
    {
        var hub = DurableTestHost.NewHub(azurite);
        string id;
        await using (var v1 = await DurableTestHost.StartAsync(azurite, r => r
            .AddActivityFunc<object?, int>("Old", (_, _) => Task.FromResult(1))
            .AddOrchestratorFunc<object?, int>("Evolving", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<int>("Old");
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<int>("go");
            }), hub))
        {
            id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Evolving");
            await v1.WaitUntilAsync(id, s => s.ReadCustomStatusAs<string>() == "waiting");
        }

        await using var v2 = await DurableTestHost.StartAsync(azurite, r => r
            .AddActivityFunc<object?, int>("New", (_, _) => Task.FromResult(2))
            .AddOrchestratorFunc<object?, int>("Evolving", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<int>("New");
                return await ctx.WaitForExternalEvent<int>("go");
            }), hub);
        await v2.Client.RaiseEventAsync(id, "go", 5);
        var result = await v2.WaitAsync(id);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        result.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterministicOrchestrationException).FullName);
        result.FailureDetails.ErrorMessage.ShouldContain("activity 'Old'");
        result.FailureDetails.ErrorMessage.ShouldContain("activity 'New'");
    }
}
