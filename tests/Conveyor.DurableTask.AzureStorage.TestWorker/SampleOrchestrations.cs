using Microsoft.DurableTask;

namespace Conveyor.DurableTask.AzureStorage.TestWorker;

/// <summary>The orchestrations the crash and scale-out tests run, in the test process and in the worker process.</summary>
public static class SampleOrchestrations
{
    /// <summary>Registers <c>SumOfSquares</c> (fan-out/fan-in of <c>Square</c>) and <c>Chain</c> (sequential <c>Increment</c>).</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="onActivity">Called at each activity invocation with the activity's name and input.</param>
    /// <param name="activityDelay">How long each activity works.</param>
    /// <returns>The registry.</returns>
    public static DurableTaskRegistry AddSamples(this DurableTaskRegistry registry, Action<string, long>? onActivity = null, TimeSpan activityDelay = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddActivityFunc<int, long>("Square", async (_, x) =>
            {
                onActivity?.Invoke("Square", x);
                await Task.Delay(activityDelay);
                return (long)x * x;
            })
            .AddActivityFunc<long, long>("Increment", async (_, x) =>
            {
                onActivity?.Invoke("Increment", x);
                await Task.Delay(activityDelay);
                return x + 1;
            })
            .AddOrchestratorFunc<int, long>("SumOfSquares", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<long>("Square", i)))).Sum())
            .AddOrchestratorFunc<int, long>("Chain", async (ctx, n) =>
            {
                long x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<long>("Increment", x);
                }

                return x;
            });
    }

    /// <summary>The expected output of <c>SumOfSquares</c>.</summary>
    /// <param name="n">The input.</param>
    /// <returns>1² + … + n².</returns>
    public static long SumOfSquares(int n) => Enumerable.Range(1, n).Sum(i => (long)i * i);
}
