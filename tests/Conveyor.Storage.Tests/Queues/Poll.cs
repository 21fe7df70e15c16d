namespace Conveyor.Storage.Tests.Queues;

/// <summary>Waits for a condition on the service by polling with a deadline (never a blind sleep).</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var giveUp = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > giveUp)
            {
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
