using Azure.Core;
using Azure.Core.Pipeline;
using Conveyor.Durable.TestWorker;
using Conveyor.Testing.Faults;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

public sealed class ReliabilityTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryQueueMessageDeliveredTwice_ResultsAreUnchanged(bool runActivitiesLocally)
    {
        var duplicator = new DuplicateQueueSendsPolicy();
        var hub = DurableTestHost.NewHub(azurite, configureStorage: o => o.AddPolicy(duplicator, HttpPipelinePosition.PerRetry));
        var options = DurableTestHost.FastWorkerOptions();
        options.RunActivitiesLocally = runActivitiesLocally;
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        var invocations = 0;
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples(() => Interlocked.Increment(ref invocations)), hub, options);

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("SumOfSquares", 20));
        }

        foreach (var id in ids)
        {
            var result = await host.WaitAsync(id);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
            result.ReadOutputAs<long>().ShouldBe(Enumerable.Range(1, 20).Sum(i => (long)i * i));
        }

        // Every work item runs twice: 5 × 20 activities × 2. A work item run locally has its copy delivered once its
        // invisibility ends, possibly after the instance completed; that late duplicate must not change the result.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref invocations) < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        invocations.ShouldBeGreaterThanOrEqualTo(200);
        await Task.Delay(1000); // Let the duplicates' results be applied (and dropped).
        foreach (var id in ids)
        {
            (await host.WaitAsync(id)).ReadOutputAs<long>().ShouldBe(Enumerable.Range(1, 20).Sum(i => (long)i * i));
        }

        // 5 starts and 10 work items (16 activities each at most), each sent twice, and results sent through the
        // control queue: all 10 without local execution, at least the duplicates' 10 with it.
        duplicator.Duplicated.ShouldBeGreaterThanOrEqualTo(25);
    }

    [Fact]
    public async Task StorageFaults_TwentyPercentOfRequestsFail_AllInstancesStillComplete()
    {
        var faults = new FaultInjectionPolicy(seed: 7) { FailureRate = 0.2, Faults = InjectedFaults.All };
        var hub = DurableTestHost.NewHub(azurite, configureStorage: o =>
        {
            o.Retry.MaxRetries = 10;
            o.Retry.Delay = TimeSpan.FromMilliseconds(20);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            o.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        });
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples(), hub);

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(i % 2 == 0 ? "SumOfSquares" : "Chain", 10));
        }

        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            var result = await host.WaitAsync(id);
            result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
            result.ReadOutputAs<long>().ShouldBe(index % 2 == 0 ? 385 : 10);
        }

        faults.CountOf(InjectedFaults.FailAfterSend).ShouldBeGreaterThan(10);
        faults.InjectedCount.ShouldBeGreaterThan(50);
    }

    [Fact]
    public async Task UndecodableControlMessage_IsSetAsideInThePoisonQueue()
    {
        // A message that can never be processed: not a task message at all.
        await using var host = await DurableTestHost.StartAsync(azurite, r => r.AddSamples());
        var hubStorage = new Conveyor.Durable.TaskHub.AzureStorageTaskHub(host.Hub);
        await hubStorage.ControlQueues[0].SendMessageAsync("this is not json", cancellationToken: TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var poisoned = 0;
        while (DateTime.UtcNow < deadline && poisoned == 0)
        {
            poisoned = (await hubStorage.Poison.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
            await Task.Delay(100);
        }

        poisoned.ShouldBe(1);
        var peeked = (await hubStorage.Poison.PeekMessagesAsync(1, TestContext.Current.CancellationToken)).Value;
        peeked.Single().MessageText.ShouldBe("this is not json");
    }

    [Fact]
    public async Task ActivityThatAlwaysKillsItsDelivery_IsSetAsideAfterMaxDequeueCount_AndTheOrchestratorSeesTheReason()
    {
        var options = DurableTestHost.FastWorkerOptions();
        options.MaxDequeueCount = 2;
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        await using var host = await DurableTestHost.StartAsync(
            azurite,
            r => r
                .AddActivityFunc<object?, int>("Hangs", async (ctx, _) =>
                {
                    // Simulates a worker dying mid-activity: the work item is released without a result.
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return 0;
                })
                .AddOrchestratorFunc<object?, string>("CallsHang", async (ctx, _) =>
                {
                    try
                    {
                        await ctx.CallActivityAsync<int>("Hangs");
                        return "finished";
                    }
                    catch (TaskFailedException e)
                    {
                        return e.FailureDetails.ErrorType + ": " + e.FailureDetails.ErrorMessage;
                    }
                }),
            workerOptions: options);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsHang");

        // Restart the worker repeatedly so the work item is delivered again and again without completing.
        for (var restart = 0; restart < 3; restart++)
        {
            await Task.Delay(1500);
            await host.Worker.StopAsync(CancellationToken.None);
            await Task.Delay(6000);
            await host.Worker.StartAsync(CancellationToken.None);
        }

        var result = await host.WaitAsync(id);
        result.ReadOutputAs<string>().ShouldNotBeNull().ShouldStartWith("PoisonMessage: ");
    }

    /// <summary>Sends every queue message twice, as a storage service that redelivers would.</summary>
    private sealed class DuplicateQueueSendsPolicy : HttpPipelinePolicy
    {
        private long _duplicated;

        public long Duplicated => Interlocked.Read(ref _duplicated);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The storage clients are async only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var isSend = message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal);
            if (isSend && message.Response.Status == 201)
            {
                await ProcessNextAsync(message, pipeline);
                Interlocked.Increment(ref _duplicated);
            }
        }
    }
}
