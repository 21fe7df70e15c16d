namespace Conveyor.Batch.Steps;

/// <summary>Calls one callback on each of a list of listeners, in order or in reverse, turning a failure into a <see cref="ListenerFailedException"/>.</summary>
internal static class ListenerCalls
{
    public static async ValueTask InOrderAsync<TListener>(IReadOnlyList<TListener> listeners, string callback, Func<TListener, ValueTask> call)
    {
        for (var i = 0; i < listeners.Count; i++)
        {
            await CallAsync(listeners[i], callback, call).ConfigureAwait(false);
        }
    }

    public static async ValueTask InReverseAsync<TListener>(IReadOnlyList<TListener> listeners, string callback, Func<TListener, ValueTask> call)
    {
        for (var i = listeners.Count - 1; i >= 0; i--)
        {
            await CallAsync(listeners[i], callback, call).ConfigureAwait(false);
        }
    }

    private static async ValueTask CallAsync<TListener>(TListener listener, string callback, Func<TListener, ValueTask> call)
    {
        try
        {
            await call(listener).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not (ListenerFailedException or OperationCanceledException))
        {
            throw new ListenerFailedException(callback, error);
        }
    }
}
