using Azure.Core;
using Azure.Core.Pipeline;
using Conveyor.Testing;

namespace Conveyor.Durable.Tests.Worker;

/// <summary>Activities scheduled by this process's episodes run in this process, their results handed straight to the session.</summary>
public sealed class LocalActivitiesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendWorkItemAsync_ChainOnTheOwningWorker_NoWorkItemIsReceivedAndNoResultGoesThroughAControlQueue()
    {
        var traffic = new QueueTrafficPolicy();
        var hub = DurableTestHost.NewHub(azurite, configureStorage: o => o.AddPolicy(traffic, HttpPipelinePosition.PerCall));
        await using var host = await DurableTestHost.StartAsync(azurite, Register, hub);

        var result = await host.RunAsync("Chain", 5);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(5);
        traffic.WorkItemsReceived.ShouldBe(0);
        traffic.ControlMessagesSent.ShouldBe(1); // The start message only.
    }

    [Fact]
    public async Task SendWorkItemAsync_ActivityFinishesAfterItsPartitionWasReleased_TheResultTravelsThroughTheControlQueue()
    {
        var hub = DurableTestHost.NewHub(azurite, partitions: 1);
        var invocations = 0;
        var started = new TaskCompletionSource();
        void RegisterSlow(DurableTaskRegistry registry) => registry
            .AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                Interlocked.Increment(ref invocations);
                started.TrySetResult();
                await Task.Delay(2000, CancellationToken.None); // Ignores the worker stopping: finishes after the partition is gone.
                return x + 1;
            })
            .AddOrchestratorFunc<int, int>("CallsSlow", (ctx, x) => ctx.CallActivityAsync<int>("Slow", x));

        string id;
        await using (var first = await DurableTestHost.StartAsync(azurite, RegisterSlow, hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("CallsSlow", 41);
            await started.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        // Stopped: the partition was released while the activity ran. Its result must reach the next owner.
        await using var second = await DurableTestHost.StartAsync(azurite, RegisterSlow, hub);
        var result = await second.WaitAsync(id);

        result.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        result.ReadOutputAs<int>().ShouldBe(42);
        invocations.ShouldBe(1); // The result was delivered, so the work item was deleted rather than run again.
    }

    [Fact]
    public async Task SendWorkItemAsync_RunActivitiesLocallyOff_EveryWorkItemGoesThroughTheQueue()
    {
        var traffic = new QueueTrafficPolicy();
        var hub = DurableTestHost.NewHub(azurite, configureStorage: o => o.AddPolicy(traffic, HttpPipelinePosition.PerCall));
        var options = DurableTestHost.FastWorkerOptions();
        options.RunActivitiesLocally = false;
        await using var host = await DurableTestHost.StartAsync(azurite, Register, hub, options);

        var result = await host.RunAsync("Chain", 5);

        result.ReadOutputAs<int>().ShouldBe(5);
        traffic.WorkItemsReceived.ShouldBe(5);
        traffic.ControlMessagesSent.ShouldBe(6);
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Increment", (_, x) => Task.FromResult(x + 1))
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            var x = 0;
            for (var i = 0; i < n; i++)
            {
                x = await ctx.CallActivityAsync<int>("Increment", x);
            }

            return x;
        });

    /// <summary>Counts work items received and messages sent to control queues.</summary>
    private sealed class QueueTrafficPolicy : HttpPipelinePolicy
    {
        private int _workItemsReceived;
        private int _controlMessagesSent;

        public int WorkItemsReceived => Volatile.Read(ref _workItemsReceived);

        public int ControlMessagesSent => Volatile.Read(ref _controlMessagesSent);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The storage clients are async only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var path = message.Request.Uri.Path;
            if (message.Request.Method == RequestMethod.Get && path.EndsWith("-workitems/messages", StringComparison.Ordinal) && message.Response.Status == 200)
            {
                var received = message.Response.Content.ToString().Split("<MessageId>").Length - 1;
                Interlocked.Add(ref _workItemsReceived, received);
            }

            if (message.Request.Method == RequestMethod.Post && path.Contains("-control-", StringComparison.Ordinal) && message.Response.Status == 201)
            {
                Interlocked.Increment(ref _controlMessagesSent);
            }
        }
    }
}
