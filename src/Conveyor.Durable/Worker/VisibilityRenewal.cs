namespace Conveyor.Durable.Worker;

/// <summary>Keeps a received message invisible while its work runs by extending its visibility every half period.</summary>
internal sealed class VisibilityRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public VisibilityRenewal(ReceivedMessage message, TimeSpan visibilityTimeout)
    {
        _loop = RenewAsync(message, visibilityTimeout, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static async Task RenewAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(visibilityTimeout / 2, cancellationToken).ConfigureAwait(false);
            try
            {
                await message.ReleaseAsync(visibilityTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or IOException or HttpRequestException)
            {
                // Try again at the next half period; the message stays invisible until the current timeout.
            }
        }
    }
}
