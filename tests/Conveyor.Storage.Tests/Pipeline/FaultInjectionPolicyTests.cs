using Azure;
using Azure.Core;
using Conveyor.Storage.Queues;
using Conveyor.Testing.Faults;
using Conveyor.Testing;

namespace Conveyor.Storage.Tests.Pipeline;

public sealed class FaultInjectionPolicyTests
{
    private readonly AzuriteFixture _azurite;

    public FaultInjectionPolicyTests(AzuriteFixture azurite) => _azurite = azurite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueueLoop_ThirtyPercentFaultsWithDefaultRetries_EveryMessageSentReceivedAndDeleted()
    {
        var policy = new FaultInjectionPolicy(seed: 20261120) { FailureRate = 0.3, Faults = InjectedFaults.BeforeSend };
        var (queue, clean) = await NewQueueAsync(policy);
        var sent = Enumerable.Range(0, 40).Select(i => $"message {i}").ToList();

        foreach (var text in sent)
        {
            await queue.SendMessageAsync(text, cancellationToken: Ct);
        }

        var done = new List<string>();
        while (done.Count < sent.Count)
        {
            var batch = (await queue.ReceiveMessagesAsync(8, TimeSpan.FromMinutes(5), Ct)).Value;
            batch.ShouldNotBeEmpty();
            foreach (var message in batch)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
                done.Add(message.MessageText);
            }
        }

        done.Order().ShouldBe(sent.Order());
        (await clean.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
        policy.InjectedCount.ShouldBeGreaterThan(10);
        policy.CountOf(InjectedFaults.Status500).ShouldBeGreaterThan(0);
        policy.CountOf(InjectedFaults.Status503).ShouldBeGreaterThan(0);
        policy.CountOf(InjectedFaults.Timeout).ShouldBeGreaterThan(0);
        policy.CountOf(InjectedFaults.FailAfterSend).ShouldBe(0);
        policy.RequestCount.ShouldBeGreaterThan(policy.InjectedCount + 80);
    }

    [Fact]
    public async Task FailAfterSend_UnconditionalSend_IsRetriedAndTheMessageIsEnqueuedTwice()
    {
        var posts = 0;
        var policy = new FaultInjectionPolicy(seed: 1)
        {
            FailureRate = 1,
            Faults = InjectedFaults.FailAfterSend,
            AppliesTo = request => request.Method == RequestMethod.Post && Interlocked.Increment(ref posts) == 1,
        };
        var (queue, clean) = await NewQueueAsync(policy);

        var receipt = await queue.SendMessageAsync("once?", cancellationToken: Ct);

        receipt.GetRawResponse().Status.ShouldBe(201);
        policy.CountOf(InjectedFaults.FailAfterSend).ShouldBe(1);
        posts.ShouldBe(2);
        var copies = (await clean.PeekMessagesAsync(32, Ct)).Value;
        copies.Length.ShouldBe(2);
        copies.ShouldAllBe(m => m.MessageText == "once?");
        copies.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task FailAfterSend_DeleteMessage_RetrySurfacesMessageNotFound()
    {
        var deletes = 0;
        var policy = new FaultInjectionPolicy(seed: 2)
        {
            FailureRate = 1,
            Faults = InjectedFaults.FailAfterSend,
            AppliesTo = request => request.Method == RequestMethod.Delete && Interlocked.Increment(ref deletes) == 1,
        };
        var (queue, clean) = await NewQueueAsync(policy);
        await queue.SendMessageAsync("gone", cancellationToken: Ct);
        var message = (await queue.ReceiveMessagesAsync(cancellationToken: Ct)).Value.Single();

        var error = await Should.ThrowAsync<RequestFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct));

        error.Status.ShouldBe(404);
        error.ErrorCode.ShouldBe("MessageNotFound");
        (await clean.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount.ShouldBe(0);
    }

    [Fact]
    public async Task Timeout_EveryAttempt_FailsAfterDefaultRetriesAsTimeout()
    {
        var policy = new FaultInjectionPolicy(seed: 3) { FailureRate = 1, Faults = InjectedFaults.Timeout };
        var (queue, _) = await NewQueueAsync(policy);

        var error = await Should.ThrowAsync<AggregateException>(() => queue.PeekMessagesAsync(cancellationToken: Ct));

        error.InnerExceptions.Count.ShouldBe(6);
        error.InnerExceptions.ShouldAllBe(e => e is TaskCanceledException);
        policy.CountOf(InjectedFaults.Timeout).ShouldBe(6);
    }

    [Fact]
    public async Task Status503_EveryAttempt_SurfacesServerBusyAfterDefaultRetries()
    {
        var policy = new FaultInjectionPolicy(seed: 4) { FailureRate = 1, Faults = InjectedFaults.Status503 };
        var (queue, _) = await NewQueueAsync(policy);

        var error = await Should.ThrowAsync<RequestFailedException>(() => queue.SendMessageAsync("never", cancellationToken: Ct));

        error.Status.ShouldBe(503);
        error.ErrorCode.ShouldBe("ServerBusy");
        policy.RequestCount.ShouldBe(6);
    }

    [Fact]
    public void FailureRate_OutOfRange_Throws()
    {
        var policy = new FaultInjectionPolicy();

        Should.Throw<ArgumentOutOfRangeException>(() => policy.FailureRate = 1.5);
        Should.Throw<ArgumentOutOfRangeException>(() => policy.FailureRate = -0.1);
        Should.Throw<ArgumentOutOfRangeException>(() => policy.FailureRate = double.NaN);
        Should.Throw<ArgumentOutOfRangeException>(() => policy.CountOf(InjectedFaults.All));
        policy.FailureRate.ShouldBe(0);
    }

    private async Task<(QueueClient Faulty, QueueClient Clean)> NewQueueAsync(FaultInjectionPolicy policy)
    {
        var name = AzuriteFixture.UniqueName("faults");
        var clean = new QueueClient(_azurite.ConnectionString, name);
        await clean.CreateIfNotExistsAsync(Ct);
        var options = new QueueClientOptions();

        // Default retry count (5); shorter delays only so the suite stays quick.
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return (new QueueClient(_azurite.ConnectionString, name, options), clean);
    }
}
